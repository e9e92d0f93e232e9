"""bench/district_pages.py still runs: its measuring core on a tiny seeded district. Shapes
only, never timings."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from district import schema, seed
from district.db import open_database

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_district_pages_bench_runs(tmp_path: Path) -> None:
    bench = load("district_pages")
    url = f"sqlite:///{tmp_path / 'district.db'}"
    now = datetime.now(UTC)
    engine = open_database(url)
    schema.upgrade(engine)
    seed.seed(engine, seed.Plan(schools=3, kiosks=6, cards=400, days=30), now, lambda _: None)
    engine.dispose()
    result = bench.measure(url, runs=1, now=now)
    assert result["cards"] == 400 and result["schools"] == 3
    pages = result["pages_ms"]
    assert set(pages) == {"floor: signed-in 404 page", *bench.pages("lincoln-elem")}
    for row in pages.values():
        assert 0 < row["p50"] <= row["max"] and row["ratio_to_floor"] > 0
