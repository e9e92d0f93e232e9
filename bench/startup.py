"""Cold start: `kiosk run` to its first painted Welcome screen, next to a minimal PySide6 window.

Each sample is a whole process started as ``<venv python> ...`` with QT_QPA_PLATFORM=offscreen.
The figure is the time from just before spawning it to its first paint, which each child
reports on stdout as the system-wide monotonic clock (``first-paint <seconds>``):

- the kiosk's everyday start: the venv's ``kiosk run --quit-after-first-paint`` (the console
  script IT's autostart runs) on the demo config, which it has validated before
  (kiosk.core.config_seen), and its database already made; in kiosk mode (full screen, as
  deployed) and with ``--windowed``. It also reports when the rest of it (steps, store,
  staff wiring) is up and taps are taken (``ready``);
- bench/minimal_window.py: a QApplication and one QLabel, quit on its first paint;
- the kiosk's first start after IT changed the config: a config file it has not seen, so it is
  validated (pydantic) before the window opens, and a fresh, empty data folder.

They run in rounds (A B C D A B C D ...), so drift of the machine hits all alike; one
unmeasured warm-up run of each comes first. Peak RSS and CPU time are each child's own
(os.wait4).

    .venv/bin/python bench/startup.py [-n 30] [--breakdown]

--breakdown adds what the modules on each side of the first paint cost: each import below in
a fresh process, round-robin, as the median CPU time over ``python -c pass``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEMO_CONFIG, ROOT, summary, write_result

MINIMAL = ROOT / "bench" / "minimal_window.py"


@dataclass
class Sample:
    first_paint: float  # seconds from spawn to the first paint
    ready: float | None  # seconds from spawn to the kiosk taking taps (kiosk only)
    wall: float  # seconds from spawn to exit
    cpu: float  # user + system seconds
    peak_mib: float


def _run(cmd: list[str], env: dict[str, str]) -> Sample:
    with tempfile.TemporaryFile() as err:
        spawned = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=err)
        assert proc.stdout is not None
        out = proc.stdout.read()  # until the child exits
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.monotonic() - spawned
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{cmd} exited {proc.returncode}: {err.read().decode()}")
    marks = dict(line.split(" ", 1) for line in out.decode().splitlines() if " " in line)
    return Sample(
        first_paint=float(marks["first-paint"]) - spawned if "first-paint" in marks else 0.0,
        ready=float(marks["ready"]) - spawned if "ready" in marks else None,
        wall=elapsed,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,  # Linux: ru_maxrss is in KiB
    )


def measure_startup(n: int = 30, python: str = sys.executable) -> dict[str, Any]:
    """Run the three kinds of start in n rounds; return the figures."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-startup-") as tmp:
        base = Path(tmp)
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        # The kiosk's log (XDG state) and validated-config mark (XDG cache) stay in here.
        env["XDG_STATE_HOME"] = str(base / "state")
        env["XDG_CACHE_HOME"] = str(base / "cache")
        env.pop("KIOSK_CONFIG", None)
        env.pop("KIOSK_DATA_DIR", None)

        kiosk = str(Path(python).parent / "kiosk")  # the console script next to the venv's python

        def kiosk_cmd(data: Path, *mode: str) -> list[str]:
            return [
                kiosk, "run", "--config", str(DEMO_CONFIG), "--data-dir", str(data),
                *mode, "--quit-after-first-paint",
            ]  # fmt: skip

        everyday = kiosk_cmd(base / "data")
        windowed = kiosk_cmd(base / "data", "--windowed")
        minimal = [python, str(MINIMAL)]
        # Warm-up: page cache, .pyc files, and the everyday kiosk's database and config record.
        for cmd in (everyday, windowed, minimal):
            _run(cmd, env)
        runs: dict[str, list[Sample]] = {
            "everyday": [],
            "everyday_windowed": [],
            "minimal": [],
            "new_config": [],
        }
        for i in range(n):
            runs["everyday"].append(_run(everyday, env))
            runs["minimal"].append(_run(minimal, env))
            runs["everyday_windowed"].append(_run(windowed, env))
            fresh = dict(env, XDG_CACHE_HOME=str(base / f"cache-{i}"))
            runs["new_config"].append(_run(kiosk_cmd(base / f"data-{i}"), fresh))

    def ratio(kind: str, field: str = "first_paint") -> float:
        pairs = zip(runs[kind], runs["minimal"], strict=True)
        return float(statistics.median([getattr(k, field) / getattr(m, field) for k, m in pairs]))

    result: dict[str, Any] = {"n": n, "target_ratio": 1.5}
    for kind, samples in runs.items():
        result[kind] = {
            "first_paint_seconds": summary([s.first_paint for s in samples]),
            "whole_process_seconds": summary([s.wall for s in samples]),
            "cpu_seconds": summary([s.cpu for s in samples]),
            "peak_rss_mib": summary([s.peak_mib for s in samples]),
        }
        if kind != "minimal":
            result[kind]["ready_seconds"] = summary([s.ready or 0.0 for s in samples])
            result[kind]["first_paint_median_pairwise_ratio"] = ratio(kind)
            result[kind]["cpu_median_pairwise_ratio"] = ratio(kind, "cpu")
    result["raw"] = {kind: [vars(s) for s in samples] for kind, samples in runs.items()}
    return result


# What the modules on each side of the first paint cost, one process each.
IMPORTS = {
    "python -c pass": "pass",
    "PySide6.QtWidgets": "import PySide6.QtWidgets",
    "Qt namespace (93 enums)": "import PySide6.QtWidgets; PySide6.QtCore.Qt",
    "before the first paint (kiosk.cli.entry, kiosk.shell.launch)": (
        "import kiosk.cli.entry, kiosk.shell.launch"
    ),
    "after it: kiosk.shell.app (pydantic, sqlite-utils, ...)": (
        "import kiosk.shell.launch, kiosk.shell.app"
    ),
    "click (not on a plain `kiosk run`)": "import click",
}


def measure_import_costs(n: int = 15, python: str = sys.executable) -> dict[str, Any]:
    """Median CPU and wall seconds of each IMPORTS entry in its own process, round-robin."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cpu: dict[str, list[float]] = {name: [] for name in IMPORTS}
    wall: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for i in range(n + 1):
        for name, code in IMPORTS.items():
            sample = _run([python, "-c", code], env)
            if i > 0:  # the first round warms the page cache
                cpu[name].append(sample.cpu)
                wall[name].append(sample.wall)
    base_cpu = statistics.median(cpu["python -c pass"])
    return {
        "n": n,
        "imports": {
            name: {
                "cpu_median": statistics.median(cpu[name]),
                "wall_median": statistics.median(wall[name]),
                "cpu_over_bare_python": statistics.median(cpu[name]) - base_cpu,
            }
            for name in IMPORTS
        },
    }


def report_imports(result: dict[str, Any]) -> str:
    lines = [f"import costs, own process each, median of {result['n']} (CPU ms over bare python)"]
    for name, row in result["imports"].items():
        lines.append(
            f"  {name:<52} {row['cpu_over_bare_python'] * 1000:6.0f} ms  "
            f"(CPU {row['cpu_median'] * 1000:.0f}, wall {row['wall_median'] * 1000:.0f})"
        )
    return "\n".join(lines)


def report(result: dict[str, Any]) -> str:
    def ms(row: dict[str, float]) -> str:
        p50, low, p90 = (round(row[k] * 1000) for k in ("p50", "min", "p90"))
        return f"median {p50:4d} ms (min {low}, p90 {p90})"

    m = result["minimal"]
    lines = [
        f"cold start to the first paint, {result['n']} rounds (offscreen)",
        f"  minimal window            {ms(m['first_paint_seconds'])}, "
        f"peak RSS {m['peak_rss_mib']['p50']:.1f} MiB",
    ]
    names = {
        "everyday": "kiosk run (everyday)",
        "everyday_windowed": "  the same, --windowed",
        "new_config": "kiosk run (new config)",
    }
    for kind, name in names.items():
        k = result[kind]
        lines += [
            f"  {name:<25} {ms(k['first_paint_seconds'])}, "
            f"peak RSS {k['peak_rss_mib']['p50']:.1f} MiB",
            f"    {k['first_paint_median_pairwise_ratio']:.2f}x the minimal window "
            f"(median of pairwise ratios; target within {result['target_ratio']}x); "
            f"taking taps after {k['ready_seconds']['p50'] * 1000:.0f} ms; "
            f"CPU {k['cpu_seconds']['p50'] * 1000:.0f} ms "
            f"vs {m['cpu_seconds']['p50'] * 1000:.0f} ms",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="runs of each (default 30)")
    parser.add_argument("--breakdown", action="store_true", help="also time the imports")
    args = parser.parse_args()
    result = measure_startup(args.n)
    print(report(result))
    if args.breakdown:
        result["breakdown"] = measure_import_costs()
        print(report_imports(result["breakdown"]))
    print(f"  result: {write_result('startup', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
