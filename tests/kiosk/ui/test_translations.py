"""Every visible string is translated to Spanish, and the compiled file is there to load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.core.resources import locale_dir

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "translations" / "kiosk_es.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_no_spanish_string_is_missing_or_unfinished() -> None:
    unfinished = [
        source
        for (_, source), message in messages(TS).items()
        if (t := message.find("translation")) is None
        or t.get("type") in ("unfinished", "obsolete", "vanished")
        or not (t.text or "").strip()
    ]
    assert not unfinished


def test_the_ts_file_holds_every_string_in_the_sources(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk_es.ts"
    shutil.copy(TS, fresh)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "kiosk").rglob("*.py"))
    subprocess.run(
        [str(lupdate), *sources, "-locations", "none", "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed, current = set(messages(TS)), set(messages(fresh))
    assert current - committed == set(), "run `bash scripts/dev.sh translations`"
    assert committed - current == set(), "the .ts holds strings no longer in the sources"


def test_placeholders_survive_translation() -> None:
    for (_, source), message in messages(TS).items():
        translation = message.findtext("translation") or ""
        for token in ("{used}", "{limit}", "{n}", "{step}", "{steps}", "{held}", "{problem}"):
            assert (token in source) == (token in translation), source


def test_the_compiled_spanish_translation_is_built() -> None:
    assert (locale_dir() / "kiosk_es.qm").stat().st_size > 1000
