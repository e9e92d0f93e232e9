"""Colour arithmetic for the school's accent colour: WCAG contrast and shades. Plain Python."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
PAGE_BACKGROUND = "#F7F5F0"  # the screens' background in assets/style.qss
DEFAULT_ACCENT = "#1D4ED8"  # the stylesheet's own accent, replaced by the school's


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#RRGGBB"."""
    linear = []
    for value in _channels(colour):
        c = value / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0-1) of ``other`` mixed in, as "#RRGGBB"."""
    parts = (
        round(a * (1 - share) + b * share)
        for a, b in zip(_channels(colour), _channels(other), strict=True)
    )
    return "#" + "".join(f"{p:02X}" for p in parts)


def accent_shades(accent: str) -> dict[str, str]:
    """The stylesheet's accent colours and what replaces each for this accent: the accent
    itself, a darker one for a pressed button, a pale tint for a chosen chip or face."""
    return {
        DEFAULT_ACCENT: accent,
        "#1E3A8A": mix(accent, "#000000", 0.35),
        "#DBE6FE": mix(accent, "#FFFFFF", 0.85),
    }
