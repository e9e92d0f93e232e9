"""The stylesheet keeps text readable and controls visible: text and placeholders at least 4.5:1
against every background they sit on, the edges of controls at least 3:1 (WCAG 1.4.3, 1.4.11)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from kiosk.ui.theme import apply_theme, scaled_stylesheet
from kiosk.ui.tick_box import TickBox

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


# What a control may sit on: the page, and the white of the header, panels and tiles.
SURROUNDS = ("#F7F5F0", "#FFFFFF")
# Selectors of things a visitor or the manager operates: their edges must show (WCAG 1.4.11).
CONTROL = re.compile(r"QPushButton|QToolButton|QLineEdit|QPlainTextEdit|QComboBox|TickBox|Button")
EDGE_KEYS = re.compile(r"^(border(-(top|bottom|left|right))?(-color)?|qproperty-edgeColor)$")


def rule_parts() -> list[tuple[str, dict[str, str]]]:
    """Each selector of a group on its own ("a, b { }" is two rules), declarations merged onto
    the base rule a state or sub-rule builds on (":focus", ":disabled"), as Qt cascades them."""
    declared: dict[str, dict[str, str]] = {}
    for group, decls in rules():
        for selector in (s.strip() for s in group.split(",")):
            declared.setdefault(selector, {}).update(decls)
    merged = []
    for selector, decls in declared.items():
        base = declared.get(re.sub(r":[\w-]+", "", selector), {})
        merged.append((selector, {**base, **decls}))
    return merged


def backgrounds(decls: dict[str, str]) -> tuple[str, ...]:
    own = colour(decls.get("background")) or colour(decls.get("qproperty-fillColor"))
    return (own,) if own else SURROUNDS


def test_every_text_and_placeholder_colour_has_at_least_4_5_to_1() -> None:
    default_text = colour(dict(rules())["*"]["color"])
    assert default_text is not None
    checked = 0
    for selector, decls in rule_parts():
        for key in ("color", "placeholder-text-color", "selection-color"):
            text = colour(decls.get(key))
            if key == "color" and text is None and "background" in decls:
                text = default_text
            if text is None:
                continue
            behind = decls.get("selection-background-color") if key == "selection-color" else None
            for background in (colour(behind),) if behind else backgrounds(decls):
                assert background is not None
                ratio = contrast(text, background)
                assert ratio >= 4.5, f"{selector} {key}: {text} on {background} is {ratio:.2f}:1"
                checked += 1
    assert checked >= 60


def test_every_edge_of_a_control_has_at_least_3_to_1_against_what_it_sits_on() -> None:
    """A control's edge, or its own fill, shows where it is: focus rings, disabled buttons,
    text fields, combo boxes and the consent tick box too."""
    checked = 0
    for selector, decls in rule_parts():
        if not CONTROL.search(selector):
            continue
        fill = colour(decls.get("background")) or colour(decls.get("qproperty-fillColor"))
        for key, value in decls.items():
            edge = colour(value) if EDGE_KEYS.match(key) else None
            if edge is None:
                continue
            for surround in SURROUNDS:
                ratio = max(contrast(edge, surround), contrast(fill or surround, surround))
                assert ratio >= 3, f"{selector} {key}: {edge} on {surround} is {ratio:.2f}:1"
                checked += 1
    assert checked >= 30


def test_the_tick_shows_on_the_ticked_box_and_the_ticked_box_on_the_page() -> None:
    [(_, tick_box)] = [(s, d) for s, d in rule_parts() if s == "TickBox"]
    tick, ticked = (
        colour(tick_box["qproperty-tickColor"]),
        colour(tick_box["qproperty-checkedColor"]),
    )
    assert tick and ticked and contrast(tick, ticked) >= 3
    for surround in SURROUNDS:
        assert contrast(ticked, surround) >= 3
    focus = colour(tick_box["qproperty-focusColor"])
    assert focus and all(contrast(focus, surround) >= 3 for surround in SURROUNDS)


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


def test_every_text_field_names_its_placeholder_colour() -> None:
    """Qt's own placeholder is the text colour at half strength: about 3:1 on white."""
    fields = [
        s for s, d in rule_parts() if re.search(r"QLineEdit|QPlainTextEdit", s) and ":" not in s
    ]
    assert fields
    for selector in fields:
        if "[" in selector:
            continue  # a state by property ("[invalid]") keeps its base rule's placeholder
        assert "placeholder-text-color" in dict(rule_parts())[selector], selector


def test_the_real_widgets_show_the_stylesheet_colours(qapp: QApplication) -> None:
    """What the contrast tests read is what Qt applies: the comment's placeholder and the
    consent box's colours, as polished."""
    apply_theme(qapp, 1280, 800)
    editor = QPlainTextEdit()
    editor.ensurePolished()
    placeholder = editor.palette().color(QPalette.ColorRole.PlaceholderText).name()
    assert contrast(placeholder, "#FFFFFF") >= 4.5
    box = TickBox()
    box.ensurePolished()
    by_selector = dict(rule_parts())["TickBox"]
    assert box._get_edge().name().upper() == by_selector["qproperty-edgeColor"].upper()
    assert box.box_side() >= 48 and box.heightForWidth(600) >= 64
