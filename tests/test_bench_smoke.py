"""The bench scripts still run: each core function with a tiny N. Shapes only, never timings."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def positive(summary: dict[str, float], n: int) -> None:
    assert summary["n"] == n
    assert 0 < summary["min"] <= summary["p50"] <= summary["p99"] <= summary["max"]


def test_startup_runs(tmp_path: Path) -> None:
    startup = load("startup")
    # Another source tree to compare with: a copy of this one is enough to check the shape.
    tree = tmp_path / "tree"
    for part in ("kiosk", "sync", "assets"):
        shutil.copytree(BENCH.parent / part, tree / part, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(BENCH.parent / "pyproject.toml", tree)
    result = startup.measure_startup(n=1, python=sys.executable, compare={"copy": tree})
    for kind in ("kiosk", "kiosk_windowed", "minimal", "copy"):
        positive(result[kind]["first_paint_seconds"], 1)
        positive(result[kind]["peak_rss_mib"], 1)
    for kind in ("kiosk", "kiosk_windowed", "copy"):
        # A tap is taken only once Welcome is on the screen, and the kiosk exits after it.
        row = result[kind]
        assert row["first_paint_seconds"]["p50"] <= row["interactive_seconds"]["p50"]
        assert row["interactive_seconds"]["p50"] < row["whole_process_seconds"]["p50"]
        assert row["interactive_over_minimal_paint"] > 0
    assert result["copy"]["interactive_over_kiosk"] > 0
    text = startup.report(result)
    assert "time to interactive" in text and "copy" in text


# The offscreen platform warns once per shown top-level window; it says nothing about the app.
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_tap_latency_runs(qapp: QApplication) -> None:
    tap = load("tap_latency")
    result = tap.measure_tap_latency(n=5)
    assert result["cards_in_store"] == 5
    for key in ("tap_to_commit_ms", "commit_only_ms", "tap_handler_ms", "floor_commit_ms"):
        positive(result[key], 5)
    assert result["tap_to_commit_ms"]["p50"] >= result["commit_only_ms"]["min"]
    assert "floor" in tap.report(result)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_memory_runs(qapp: QApplication) -> None:
    memory = load("memory")
    result = memory.measure_memory(n=10, sample_every=5)
    assert result["cards_in_store"] == 10
    assert result["cards_with_comment"] == 1  # the tenth visitor types one
    assert [n for n, _ in result["samples"]] == [5, 10]
    assert 0 < result["rss_after_start_mib"] <= result["peak_rss_mib"]
    assert result["minimal_window_peak_rss_mib"] > 0
    assert "VmHWM" in memory.report(result)


def test_lossy_drain_runs(qapp: QApplication) -> None:
    lossy = load("lossy_drain")
    result = lossy.measure(n=30, loss=0.4, seeds=1, batch_size=10)
    (run,) = result["lossy"]
    assert (run["stored"], run["unique"]) == (30, 30)  # none lost, none counted twice
    assert run["card_requests"] >= 3  # three batches at least; lost answers add requests
    assert result["lossless"][0]["card_requests"] == 3
    assert result["ratio"] > 0
    assert "answers lost" in lossy.report(result)


def test_token_lookup_runs() -> None:
    bench = load("token_lookup")
    result = bench.measure(n=3, sizes=(2, 5))
    for row in result["sizes"].values():
        assert row["linear_us"] > 0 and row["hash_index_us"] > 0 and row["hash_over_linear"] > 0
    assert result["linear_growth"] > 0 and result["hash_growth"] > 0
    assert "per authenticated request" in bench.report(result)
