"""The PyInstaller bundle next to running from source: size on disk and cold start.

Cold start is a whole process, from spawn to exit: ``kiosk run --windowed
--quit-after-first-tap`` on the demo config with a fresh, empty data folder, under
QT_QPA_PLATFORM=offscreen. The bundle (``dist/kiosk/kiosk``) and the source
(``<venv python> -m kiosk``) run alternately (A B A B ...), so drift of the machine hits both
alike, after one unmeasured warm-up run of each. Peak RSS is each child's ru_maxrss (os.wait4).

    bash scripts/dev.sh build && .venv/bin/python bench/bundle.py [-n 20] [--bundle dist/kiosk]

Prints a table and writes bench/results/bundle-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONFIG = ROOT / "assets" / "demo.toml"


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process; raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd="/", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{cmd[0]} exited {code}: {err.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def bundle_size(bundle: Path) -> int:
    return sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())


def measure(bundle: Path, n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-bundle-") as tmp:
        base = Path(tmp)
        env = dict(os.environ)
        env.update(QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(base / "state"))
        for key in ("KIOSK_CONFIG", "KIOSK_DATA_DIR"):
            env.pop(key, None)
        args = ["run", "--windowed", "--quit-after-first-tap", "--config", str(DEMO_CONFIG)]
        commands = {
            "bundle": [str(bundle / "kiosk"), *args],
            "source": [sys.executable, "-m", "kiosk", *args],
        }
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for i in range(n + 1):
            for name, cmd in commands.items():
                data = base / f"{name}-{i}"
                result = run_once([*cmd, "--data-dir", str(data)], env)
                if i > 0:  # the first round warms the page cache
                    samples[name].append(result)
    figures: dict[str, Any] = {}
    for name, values in samples.items():
        walls = [w for w, _ in values]
        figures[name] = {
            "n": len(walls),
            "wall_s_p50": statistics.median(walls),
            "wall_s_min": min(walls),
            "wall_s_max": max(walls),
            "peak_rss_mib_p50": statistics.median(r for _, r in values),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="measured runs of each (default 20)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "kiosk")
    options = parser.parse_args()
    options.bundle = options.bundle.resolve()  # the runs start in /
    if not (options.bundle / "kiosk").is_file():
        sys.exit(f"no bundle at {options.bundle}; build it first: bash scripts/dev.sh build")
    size = bundle_size(options.bundle)
    # ICU's data library, trimmed at build time (scripts/icu_trim.py); 32 MB untrimmed.
    icu_files = options.bundle.rglob("libicudata.so*")
    icu = sum(f.stat().st_size for f in icu_files if not f.is_symlink())
    figures = measure(options.bundle, options.n)
    result = {
        "bench": "bundle",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "loadavg_1_5_15": list(os.getloadavg()),
        },
        "bundle_bytes": size,
        "icu_data_bytes": icu,
        **figures,
    }
    print(f"bundle size: {size / 2**20:.1f} MiB ({size / 1e6:.1f} MB) in {options.bundle}")
    print(f"of which ICU data: {icu / 1e6:.1f} MB")
    print(f"{'cold start':<12}{'median':>9}{'min':>9}{'max':>9}{'peak RSS':>11}")
    for name in ("bundle", "source"):
        f = figures[name]
        print(
            f"{name:<12}{f['wall_s_p50']:>8.3f}s{f['wall_s_min']:>8.3f}s{f['wall_s_max']:>8.3f}s"
            f"{f['peak_rss_mib_p50']:>7.0f} MiB"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bundle-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {path}")


if __name__ == "__main__":
    main()
