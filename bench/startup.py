"""Cold start: `kiosk run` to its first painted Welcome screen, next to a minimal PySide6 window.

Each sample is a whole process, from spawn to exit: the kiosk with
``--windowed --quit-after-first-paint`` on the demo config and a fresh, empty data folder (so
the database is created and migrated), and bench/minimal_window.py (a QApplication and one
QLabel, quit on its first paint), both started as ``<venv python> ...`` with
QT_QPA_PLATFORM=offscreen. They run alternately (A B A B ...), so drift of the machine hits
both alike; one unmeasured warm-up run of each comes first. A third process per round, the
kiosk on a data folder that already holds its database (a kiosk's everyday start), is reported
alongside.
Peak RSS is each child's own ru_maxrss (os.wait4), i.e. its VmHWM.

    .venv/bin/python bench/startup.py [-n 30] [--breakdown]

--breakdown adds where the kiosk's extra start-up goes: each import below in a fresh process,
round-robin, as the median CPU time over ``python -c pass``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEMO_CONFIG, ROOT, summary, write_result

MINIMAL = ROOT / "bench" / "minimal_window.py"


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # the child is short-lived; its stderr fits easily
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {err.decode(errors='replace')}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024  # Linux: ru_maxrss is in KiB


def measure_startup(
    n: int = 30, python: str = sys.executable, warmup: bool = True
) -> dict[str, Any]:
    """Run kiosk and minimal window alternately n times each; return the figures."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-startup-") as tmp:
        base = Path(tmp)
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        # The kiosk writes its log under the XDG state folder: keep it out of the user's.
        env["XDG_STATE_HOME"] = str(base / "state")
        env.pop("KIOSK_CONFIG", None)
        env.pop("KIOSK_DATA_DIR", None)

        def kiosk_cmd(i: int) -> list[str]:
            return [
                python,
                "-m",
                "kiosk",
                "run",
                "--config",
                str(DEMO_CONFIG),
                "--data-dir",
                str(base / f"data-{i}"),  # fresh and empty every run
                "--windowed",
                "--quit-after-first-paint",
            ]

        minimal_cmd = [python, str(MINIMAL)]
        _run(kiosk_cmd(-1), env)  # also creates the database the third process reuses
        if warmup:  # page cache and .pyc files
            _run(minimal_cmd, env)
        existing_s: list[float] = []
        existing_cpu: list[float] = []
        kiosk_s: list[float] = []
        minimal_s: list[float] = []
        kiosk_cpu: list[float] = []
        minimal_cpu: list[float] = []
        kiosk_mib: list[float] = []
        minimal_mib: list[float] = []
        for i in range(n):
            seconds, cpu, mib = _run(kiosk_cmd(i), env)
            kiosk_s.append(seconds)
            kiosk_cpu.append(cpu)
            kiosk_mib.append(mib)
            seconds, cpu, mib = _run(minimal_cmd, env)
            minimal_s.append(seconds)
            minimal_cpu.append(cpu)
            minimal_mib.append(mib)
            seconds, cpu, _ = _run(kiosk_cmd(-1), env)
            existing_s.append(seconds)
            existing_cpu.append(cpu)

    ratios = [k / m for k, m in zip(kiosk_s, minimal_s, strict=True)]
    cpu_ratios = [k / m for k, m in zip(kiosk_cpu, minimal_cpu, strict=True)]
    return {
        "n": n,
        "kiosk_seconds": summary(kiosk_s),
        "minimal_seconds": summary(minimal_s),
        "kiosk_existing_data_seconds": summary(existing_s),
        "kiosk_existing_data_cpu_seconds": summary(existing_cpu),
        "existing_data_median_pairwise_ratio": statistics.median(
            [k / m for k, m in zip(existing_s, minimal_s, strict=True)]
        ),
        "ratio_of_medians": statistics.median(kiosk_s) / statistics.median(minimal_s),
        "median_pairwise_ratio": statistics.median(ratios),
        # CPU time (user + system) moves less than wall time when the machine is shared.
        "kiosk_cpu_seconds": summary(kiosk_cpu),
        "minimal_cpu_seconds": summary(minimal_cpu),
        "cpu_median_pairwise_ratio": statistics.median(cpu_ratios),
        "kiosk_peak_rss_mib": summary(kiosk_mib),
        "minimal_peak_rss_mib": summary(minimal_mib),
        "target_ratio": 1.5,
        "raw": {
            "kiosk_seconds": kiosk_s,
            "minimal_seconds": minimal_s,
            "kiosk_cpu_seconds": kiosk_cpu,
            "kiosk_existing_data_seconds": existing_s,
            "minimal_cpu_seconds": minimal_cpu,
            "kiosk_peak_rss_mib": kiosk_mib,
            "minimal_peak_rss_mib": minimal_mib,
        },
    }


# What `kiosk run` pulls in before its first paint, one process each.
IMPORTS = {
    "python -c pass": "pass",
    "PySide6.QtWidgets": "import PySide6.QtWidgets",
    "pydantic": "import pydantic",
    "kiosk.config (pydantic + models)": "import kiosk.config",
    "sqlite_utils": "import sqlite_utils",
    "click": "import click",
    "kiosk.cli (click, config, logs)": "import kiosk.cli",
    "kiosk.app (everything)": "import kiosk.cli, kiosk.app",
}


def measure_import_costs(n: int = 15, python: str = sys.executable) -> dict[str, Any]:
    """Median CPU and wall seconds of each IMPORTS entry in its own process, round-robin."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cpu: dict[str, list[float]] = {name: [] for name in IMPORTS}
    wall: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for i in range(n + 1):
        for name, code in IMPORTS.items():
            seconds, cpu_seconds, _ = _run([python, "-c", code], env)
            if i > 0:  # the first round warms the page cache
                cpu[name].append(cpu_seconds)
                wall[name].append(seconds)
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
            f"  {name:<34} {row['cpu_over_bare_python'] * 1000:6.0f} ms  "
            f"(CPU {row['cpu_median'] * 1000:.0f}, wall {row['wall_median'] * 1000:.0f})"
        )
    return "\n".join(lines)


def report(result: dict[str, Any]) -> str:
    k, m = result["kiosk_seconds"], result["minimal_seconds"]
    kr, mr = result["kiosk_peak_rss_mib"], result["minimal_peak_rss_mib"]
    kc, mc = result["kiosk_cpu_seconds"], result["minimal_cpu_seconds"]
    ke = result["kiosk_existing_data_seconds"]
    return "\n".join(
        [
            f"cold start, whole process, {result['n']} alternating runs each (offscreen)",
            f"  kiosk run     median {k['p50'] * 1000:6.0f} ms  "
            f"(min {k['min'] * 1000:.0f}, p90 {k['p90'] * 1000:.0f})  "
            f"peak RSS median {kr['p50']:.1f} MiB",
            f"  minimal window median {m['p50'] * 1000:6.0f} ms  "
            f"(min {m['min'] * 1000:.0f}, p90 {m['p90'] * 1000:.0f})  "
            f"peak RSS median {mr['p50']:.1f} MiB",
            f"  ratio of medians {result['ratio_of_medians']:.2f}x, "
            f"median of pairwise ratios {result['median_pairwise_ratio']:.2f}x "
            f"(target within {result['target_ratio']}x)",
            f"  kiosk run on an existing database: median {ke['p50'] * 1000:.0f} ms, "
            f"median of pairwise ratios {result['existing_data_median_pairwise_ratio']:.2f}x",
            f"  CPU time (user+sys) median: kiosk {kc['p50'] * 1000:.0f} ms, "
            f"minimal {mc['p50'] * 1000:.0f} ms, "
            f"median of pairwise ratios {result['cpu_median_pairwise_ratio']:.2f}x",
        ]
    )


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
