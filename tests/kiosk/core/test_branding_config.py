"""The school's logo, accent colour and welcome line are checked when the config loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.colours import PAGE_BACKGROUND, accent_shades, contrast
from kiosk.core.config import ConfigError, load_config

PNG_HEADER = b"\x89PNG\r\n\x1a\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def write(folder: Path, text: str) -> Path:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_relative_logo_is_found_beside_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "crest.svg").write_text(SVG, encoding="utf-8")
    config = load_config(write(tmp_path, 'logo = "crest.svg"\n'))
    assert config.logo == tmp_path / "crest.svg"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("crest.svg", None, "logo: no such file:"),
        ("crest.gif", b"GIF89a....", "is not an SVG or PNG file"),
        ("crest.png", SVG.encode(), "is not an SVG or PNG file"),  # named for what it is not
        ("crest.svg", PNG_HEADER + b"rest", "is not an SVG or PNG file"),
    ],
)
def test_a_logo_that_is_not_an_svg_or_png_is_refused_by_name(
    tmp_path: Path, name: str, content: bytes | None, words: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    path = write(tmp_path, f'logo = "{name}"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: logo: ")
    assert words in str(caught.value)


def test_an_accent_colour_too_pale_to_read_is_refused_with_its_contrast(tmp_path: Path) -> None:
    path = write(tmp_path, 'accent_colour = "#F5A623"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: accent_colour: #F5A623 has a contrast of 1.86:1 against the background "
        "#F7F5F0; text needs at least 4.5:1, so choose a darker colour (got '#F5A623')"
    )


def test_an_accent_colour_must_be_written_as_hex(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"accent_colour: must be a colour written as"):
        load_config(write(tmp_path, 'accent_colour = "maroon"\n'))


def test_a_readable_accent_and_its_shades_keep_their_contrast(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'accent_colour = "#8c1d40"\n'))
    assert config.accent_colour == "#8C1D40"
    shades = accent_shades(config.accent_colour)
    assert contrast(shades["#1D4ED8"], PAGE_BACKGROUND) >= 4.5
    assert contrast(shades["#1E3A8A"], "#FFFFFF") >= 4.5  # white text on a pressed button
    assert contrast("#1F2933", shades["#DBE6FE"]) >= 4.5  # text on a chosen chip


def test_the_welcome_line_is_given_in_every_language_offered_or_none(tmp_path: Path) -> None:
    path = write(tmp_path, '[welcome_line]\nen = "Home of the Lions"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: welcome_line has no text for es: give it in every language offered, or in none"
    )
    one = load_config(write(tmp_path, 'languages = ["en"]\n[welcome_line]\nen = "Hi"\n'))
    assert one.welcome_line.text("en") == "Hi"
    with pytest.raises(ConfigError, match=r"unknown key 'welcome_line\.fr'"):
        load_config(write(tmp_path, '[welcome_line]\nfr = "Bonjour"\n'))


def test_the_branded_demo_loads() -> None:
    root = Path(__file__).resolve().parents[3]
    config = load_config(root / "assets" / "demo-branded.toml")
    assert config.logo == root / "assets" / "demo-logo.svg"
    assert config.welcome_line.text("es").startswith("Hogar de los Leones")
