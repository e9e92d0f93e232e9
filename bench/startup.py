"""Cold start: `kiosk run` to its first painted Welcome screen, next to a minimal PySide6 window.

Each sample is a whole process, from spawn to exit: the kiosk with
``--windowed --quit-after-first-paint`` on the demo config and a fresh, empty data folder, and
bench/minimal_window.py (a QApplication and one QLabel, quit on its first paint), both started
as ``<venv python> ...`` with QT_QPA_PLATFORM=offscreen. The two run alternately (A B A B ...),
so drift of the machine hits both alike; one unmeasured warm-up run of each comes first.
Peak RSS is each child's own ru_maxrss (os.wait4), i.e. its VmHWM.

    .venv/bin/python bench/startup.py [-n 30]
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


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process, which must exit 0."""
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
    return elapsed, usage.ru_maxrss / 1024  # Linux: ru_maxrss is in KiB


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
        if warmup:  # page cache and .pyc files
            _run(kiosk_cmd(-1), env)
            _run(minimal_cmd, env)
        kiosk_s: list[float] = []
        minimal_s: list[float] = []
        kiosk_mib: list[float] = []
        minimal_mib: list[float] = []
        for i in range(n):
            seconds, mib = _run(kiosk_cmd(i), env)
            kiosk_s.append(seconds)
            kiosk_mib.append(mib)
            seconds, mib = _run(minimal_cmd, env)
            minimal_s.append(seconds)
            minimal_mib.append(mib)

    ratios = [k / m for k, m in zip(kiosk_s, minimal_s, strict=True)]
    return {
        "n": n,
        "kiosk_seconds": summary(kiosk_s),
        "minimal_seconds": summary(minimal_s),
        "ratio_of_medians": statistics.median(kiosk_s) / statistics.median(minimal_s),
        "median_pairwise_ratio": statistics.median(ratios),
        "kiosk_peak_rss_mib": summary(kiosk_mib),
        "minimal_peak_rss_mib": summary(minimal_mib),
        "target_ratio": 1.5,
        "raw": {
            "kiosk_seconds": kiosk_s,
            "minimal_seconds": minimal_s,
            "kiosk_peak_rss_mib": kiosk_mib,
            "minimal_peak_rss_mib": minimal_mib,
        },
    }


def report(result: dict[str, Any]) -> str:
    k, m = result["kiosk_seconds"], result["minimal_seconds"]
    kr, mr = result["kiosk_peak_rss_mib"], result["minimal_peak_rss_mib"]
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
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="runs of each (default 30)")
    args = parser.parse_args()
    result = measure_startup(args.n)
    print(report(result))
    print(f"  result: {write_result('startup', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
