"""The stylesheet keeps text readable: at least 4.5:1 against every background it sits on."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.ui.theme import scaled_stylesheet

QSS = (Path(__file__).resolve().parents[3] / "assets" / "style.qss").read_text()


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rules() -> list[tuple[str, dict[str, str]]]:
    found = []
    body = re.sub(r"/\*.*?\*/", "", QSS, flags=re.DOTALL)
    for selector, block in re.findall(r"([^{}]+)\{([^}]*)\}", body):
        decls = dict(
            (k.strip(), v.strip()) for k, v in re.findall(r"([\w-]+)\s*:\s*([^;]+);", block)
        )
        found.append((selector.strip(), decls))
    return found


def colour(value: str | None) -> str | None:
    match = re.search(r"#[0-9A-Fa-f]{6}", value or "")
    return match.group(0) if match else None


def test_text_on_every_background_has_at_least_4_5_to_1() -> None:
    by_selector = dict(rules())
    default_text = colour(by_selector["*"]["color"])
    assert default_text is not None
    checked = 0
    for selector, decls in rules():
        background = colour(decls.get("background"))
        if background is None:
            continue
        # A state rule (":pressed") keeps the colour of its base rule, as in Qt's cascade.
        base = by_selector.get(selector.split(":")[0], {})
        text = colour(decls.get("color")) or colour(base.get("color")) or default_text
        assert contrast(text, background) >= 4.5, f"{selector}: {text} on {background}"
        checked += 1
    assert checked >= 6


def test_the_question_has_at_least_7_to_1() -> None:
    text = colour(dict(rules())["*"]["color"])
    page = colour(
        dict(rules())['QWidget#KioskWindow, QStackedWidget, QWidget[screen="true"]']["background"]
    )
    assert text and page and contrast(text, page) >= 7


def test_nothing_a_visitor_reads_is_under_20_px_at_1280x800() -> None:
    sizes = [int(px) for px in re.findall(r"font-size:\s*(\d+)px", QSS)]
    assert sizes and min(sizes) >= 20


def test_the_stylesheet_scales_with_the_screen() -> None:
    assert "font-size: 48px" in scaled_stylesheet(1.0)
    assert "font-size: 65px" in scaled_stylesheet(1.35)
