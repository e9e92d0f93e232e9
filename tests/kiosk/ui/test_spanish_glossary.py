"""One concept, one Spanish word: translations/glossary.md holds for every Spanish string."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.core.config import DEFAULT_COULD_IMPROVE, DEFAULT_ROLES, DEFAULT_WENT_WELL

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = ROOT / "translations" / "glossary.md"
TS = ROOT / "translations" / "kiosk_es.ts"


def glossary() -> list[tuple[list[str], list[str], list[str]]]:
    """The rows of the glossary's table: English forms, Spanish forms, Spanish words not used."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3 or cells[0] in ("English", "---"):
            continue
        english, spanish, avoid = ([f for f in c.split(" / ") if f] for c in cells)
        rows.append((english, spanish, avoid))
    return rows


def has(text: str, form: str) -> bool:
    """``form`` as whole words in ``text``; placeholders such as ``{face}`` are not words."""
    words = re.sub(r"\{\w+\}", "", text)
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", words, re.IGNORECASE) is not None


def spanish_strings() -> dict[str, str]:
    """Every Spanish text the kiosk shows, by its English source."""
    found = {
        message.findtext("source") or "": message.findtext("translation") or ""
        for message in ET.parse(TS).getroot().iter("message")
    }
    for choice in (*DEFAULT_WENT_WELL, *DEFAULT_COULD_IMPROVE, *DEFAULT_ROLES):
        found[choice.en] = choice.es
    return found


def test_the_glossary_has_its_rows() -> None:
    english = [row[0][0] for row in glossary()]
    assert "manager area" in english
    assert len(english) >= 10


@pytest.mark.parametrize("row", glossary(), ids=lambda row: row[0][0])
def test_each_concept_has_one_spanish_word(row: tuple[list[str], list[str], list[str]]) -> None:
    english, spanish, avoid = row
    strings = spanish_strings()
    missing = [
        (source, text)
        for source, text in strings.items()
        if any(has(source, e) for e in english) and not any(has(text, s) for s in spanish)
    ]
    assert not missing, f"use {spanish} for {english}"
    used = [text for text in strings.values() if any(has(text, a) for a in avoid)]
    assert not used, f"{avoid} is not our word: use {spanish}"


def test_the_check_finds_a_second_name_for_the_manager_area() -> None:
    """The check itself: a string that calls the area by another name would be found."""
    _, spanish, avoid = next(row for row in glossary() if row[0] == ["manager area"])
    assert not any(has("Abrir el área de gestión", s) for s in spanish)
    assert any(has("Abrir el área de gestión", a) for a in avoid)
    assert not has("Caritas de hoy", "cara")
