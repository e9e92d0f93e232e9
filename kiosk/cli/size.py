"""The --size option's value: a window size IT or a test asks for."""

from __future__ import annotations


def parse_size(value: str) -> tuple[int, int]:
    """WIDTHxHEIGHT, within what a screen can be. Raises ValueError with the reason."""
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise ValueError("use WIDTHxHEIGHT, e.g. 1280x800") from None
    if not (320 <= width <= 7680 and 320 <= height <= 4320):
        raise ValueError("width and height must be between 320 and 7680/4320")
    return width, height
