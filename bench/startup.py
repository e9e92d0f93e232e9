"""Cold start: `kiosk run` until it takes a visitor's tap, next to a minimal PySide6 window.

Each sample is a whole process with QT_QPA_PLATFORM=offscreen, timed from just before it is
spawned. Each child reports on stdout the system-wide monotonic clock of its moments:

- the kiosk, run as its console script runs it (``from kiosk.cli... import main; main()``,
  the entry point its pyproject.toml names) with ``run --quit-after-first-tap`` on the demo
  config and a data folder made in the warm-up run: ``first-paint`` (Welcome on the screen)
  and ``interactive``, the moment it was sent the first tap it accepted. From its first paint
  on the kiosk taps the middle face every millisecond, through the window as a touchscreen
  does (kiosk.shell.start_probe), until one makes a card: that is what a visitor waits for.
  In kiosk mode (full screen, as deployed) and ``--windowed``;
- bench/minimal_window.py, the floor: a QApplication and one QLabel, quit on its first paint.

``--compare NAME=DIR`` adds the kiosk from another source tree (a ``git worktree`` of another
commit, with its translations compiled), in kiosk mode, run by the same Python with
PYTHONPATH=DIR: how a change to the start-up moves the figures, measured in the same run.

All kinds run in rounds (A B C ... then B C ... A, the order rotated each round), so drift of
the machine hits all alike; one unmeasured warm-up run of each comes first. Ratios are medians
of each round's own ratio. Peak RSS and CPU time are each child's own (os.wait4).

    .venv/bin/python bench/startup.py [-n 30] [--compare NAME=DIR ...] [--breakdown]

--breakdown adds what the imports cost: each in a fresh process, round-robin, as the median
CPU time over ``python -c pass``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEMO_CONFIG, ROOT, summary, write_result

MINIMAL = ROOT / "bench" / "minimal_window.py"


@dataclass
class Sample:
    first_paint: float  # seconds from spawn to the first paint (0: none reported)
    interactive: float | None  # seconds from spawn to the first tap taken (kiosk only)
    wall: float  # seconds from spawn to exit
    cpu: float  # user + system seconds
    peak_mib: float


def _run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> Sample:
    with tempfile.TemporaryFile() as err:
        spawned = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=err)
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
    if "source" in marks and not Path(marks["source"]).is_relative_to(cwd):
        raise RuntimeError(f"{cmd} ran the kiosk in {marks['source']}, not the one in {cwd}")
    return Sample(
        first_paint=float(marks["first-paint"]) - spawned if "first-paint" in marks else 0.0,
        interactive=float(marks["interactive"]) - spawned if "interactive" in marks else None,
        wall=elapsed,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,  # Linux: ru_maxrss is in KiB
    )


def console_script(tree: Path) -> str:
    """What the tree's `kiosk` console script runs, as ``python -c`` code; it first names the
    package it imported (``source <file>``), which must be the tree's."""
    scripts = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = scripts["scripts"]["kiosk"].split(":")
    return (
        "import sys, kiosk; print('source', kiosk.__file__, flush=True); "
        f"from {module} import {function}; sys.exit({function}())"
    )


def measure_startup(
    n: int = 30, python: str = sys.executable, compare: dict[str, Path] | None = None
) -> dict[str, Any]:
    """Run every kind of start in n rounds; return the figures."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-startup-") as tmp:
        base = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("KIOSK_CONFIG", None)
        env.pop("KIOSK_DATA_DIR", None)
        trees = {"kiosk": ROOT, **(compare or {})}
        # Each runs in its tree's folder: Python puts the working folder first on sys.path.
        commands: dict[str, tuple[list[str], dict[str, str], Path]] = {}

        def kiosk(kind: str, tree: Path, *mode: str) -> None:
            home = base / kind  # its own log (XDG state), cache and data folder
            commands[kind] = (
                [
                    python, "-c", console_script(tree), "run", "--config", str(DEMO_CONFIG),
                    "--data-dir", str(home / "data"), *mode, "--quit-after-first-tap",
                ],
                dict(
                    env, PYTHONPATH=str(tree),
                    XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
                ),
                tree,
            )  # fmt: skip

        kiosk("kiosk", ROOT)
        kiosk("kiosk_windowed", ROOT, "--windowed")
        commands["minimal"] = ([python, str(MINIMAL)], env, ROOT)
        for name, tree in trees.items():
            if name != "kiosk":
                kiosk(name, tree)
        # Warm-up: page cache, .pyc files, each kiosk's database.
        for command in commands.values():
            _run(*command)
        kinds = list(commands)
        runs: dict[str, list[Sample]] = {kind: [] for kind in kinds}
        for i in range(n):
            for kind in kinds[i % len(kinds) :] + kinds[: i % len(kinds)]:
                runs[kind].append(_run(*commands[kind]))

    def ratio(
        kind: str, field: str, over: str = "minimal", over_field: str = "first_paint"
    ) -> float:
        pairs = zip(runs[kind], runs[over], strict=True)
        return float(
            statistics.median([getattr(k, field) / getattr(m, over_field) for k, m in pairs])
        )

    result: dict[str, Any] = {"n": n, "trees": {k: str(v) for k, v in trees.items()}}
    for kind, samples in runs.items():
        row = result[kind] = {
            "first_paint_seconds": summary([s.first_paint for s in samples]),
            "whole_process_seconds": summary([s.wall for s in samples]),
            "cpu_seconds": summary([s.cpu for s in samples]),
            "peak_rss_mib": summary([s.peak_mib for s in samples]),
        }
        if kind != "minimal":
            row["interactive_seconds"] = summary([s.interactive or 0.0 for s in samples])
            row["interactive_over_minimal_paint"] = ratio(kind, "interactive")
            row["first_paint_over_minimal_paint"] = ratio(kind, "first_paint")
            row["cpu_over_minimal"] = ratio(kind, "cpu", over_field="cpu")
            if kind in trees and kind != "kiosk":
                row["interactive_over_kiosk"] = ratio(kind, "interactive", "kiosk", "interactive")
    result["raw"] = {kind: [vars(s) for s in samples] for kind, samples in runs.items()}
    return result


# What the kiosk's imports cost, one process each.
IMPORTS = {
    "python -c pass": "pass",
    "PySide6.QtWidgets": "import PySide6.QtWidgets",
    "Qt namespace (93 enums)": "import PySide6.QtWidgets; PySide6.QtCore.Qt",
    "kiosk.shell.app (all the kiosk needs to run)": "import kiosk.shell.app",
    "click": "import click",
    "pydantic": "import pydantic",
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
            f"  {name:<46} {row['cpu_over_bare_python'] * 1000:6.0f} ms  "
            f"(CPU {row['cpu_median'] * 1000:.0f}, wall {row['wall_median'] * 1000:.0f})"
        )
    return "\n".join(lines)


def report(result: dict[str, Any]) -> str:
    def ms(row: dict[str, float]) -> str:
        p50, low, p90 = (round(row[k] * 1000) for k in ("p50", "min", "p90"))
        return f"median {p50:4d} ms (min {low}, p90 {p90})"

    m = result["minimal"]
    lines = [
        f"cold start, {result['n']} rounds (offscreen); ratios: median of each round's own",
        f"  minimal window, first paint      {ms(m['first_paint_seconds'])}, "
        f"CPU {m['cpu_seconds']['p50'] * 1000:.0f} ms, "
        f"peak RSS {m['peak_rss_mib']['p50']:.1f} MiB",
    ]
    for kind, row in result.items():
        if not isinstance(row, dict) or "interactive_seconds" not in row:
            continue
        name = {"kiosk": "kiosk run", "kiosk_windowed": "kiosk run --windowed"}.get(kind, kind)
        lines += [
            f"  {name}",
            f"    time to interactive            {ms(row['interactive_seconds'])}, "
            f"{row['interactive_over_minimal_paint']:.2f}x the minimal window's first paint",
            f"    first paint                    {ms(row['first_paint_seconds'])}, "
            f"{row['first_paint_over_minimal_paint']:.2f}x",
            f"    CPU {row['cpu_seconds']['p50'] * 1000:.0f} ms "
            f"({row['cpu_over_minimal']:.2f}x), peak RSS {row['peak_rss_mib']['p50']:.1f} MiB",
        ]
        if "interactive_over_kiosk" in row:
            lines.append(
                f"    time to interactive {row['interactive_over_kiosk']:.3f}x this tree's"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="rounds (default 30)")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="also run the kiosk of the source tree DIR, reported as NAME",
    )
    parser.add_argument("--breakdown", action="store_true", help="also time the imports")
    args = parser.parse_args()
    compare = {}
    for item in args.compare:
        name, _, tree = item.partition("=")
        compare[name] = Path(tree).resolve()
    result = measure_startup(args.n, compare=compare)
    print(report(result))
    if args.breakdown:
        result["breakdown"] = measure_import_costs()
        print(report_imports(result["breakdown"]))
    print(f"  result: {write_result('startup', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
