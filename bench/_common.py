"""Helpers shared by the bench scripts: percentiles, machine description, JSON results."""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The hand-stepped clocks the tests use (tests/support/fake_clock.py) drive the window here too.
sys.path.insert(0, str(ROOT / "tests" / "support"))
RESULTS = ROOT / "bench" / "results"
DEMO_CONFIG = ROOT / "assets" / "demo.toml"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): the value at or below which p% of samples lie."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "min": min(values),
        "p50": statistics.median(values),
        "p90": percentile(values, 90),
        "p99": percentile(values, 99),
        "max": max(values),
        "mean": statistics.fmean(values),
    }


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "loadavg_1_5_15": list(os.getloadavg()),  # other work on the machine at the time
    }


def proc_status_kib(field: str) -> int:
    """A ``kB`` field of /proc/self/status (VmRSS, VmHWM, ...), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def run_bench(
    name: str,
    doc: str | None,
    unit: str,
    default_n: int,
    measure: Callable[[int], dict[str, Any]],
    report: Callable[[dict[str, Any]], str],
) -> int:
    """A bench script's main: ``-n``, measure, print the report, keep the samples."""
    parser = argparse.ArgumentParser(description=(doc or name).splitlines()[0])
    parser.add_argument("-n", type=int, default=default_n, help=f"{unit} (default {default_n})")
    args = parser.parse_args()
    result = measure(args.n)
    print(report(result))
    print(f"  result: {write_result(name, result)}")
    return 0


def write_result(name: str, result: dict[str, Any], out_dir: Path | None = None) -> Path:
    out_dir = out_dir or RESULTS
    out_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    result = {"bench": name, "date": now.isoformat(timespec="seconds"), **result}
    result.setdefault("machine", machine())
    path = out_dir / f"{name}-{now:%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return path
