"""Remembers the config file this kiosk validated last, and what its first frame needs from it.

A kiosk starts with the same config file day after day. When the file's bytes are the ones
this version of the kiosk validated last time, `kiosk run` (kiosk.shell.launch) paints its welcome
screen from the ``FirstFrame`` recorded here, before importing tomllib or pydantic, and
validates the file again right after. Any other file is validated before the window opens, so
a bad file still stops start-up with its one-line error and no window.

The record, in the per-user cache folder, names the file by its length and CRC-32 (zlib: no
hash library on the start-up path; a clash costs at worst a late, still one-line, error) and
holds no setting but those the first frame shows. Losing it costs one slower start.
"""

from __future__ import annotations

import logging
import os
import zlib
from pathlib import Path

from kiosk import __version__
from kiosk.core.first_frame import LANGUAGE_NAMES, FirstFrame

log = logging.getLogger("kiosk.app")
RECORD_FILENAME = "validated-config.txt"


def _key(raw: bytes) -> str:
    # The version is part of it: a new version may validate the same text differently.
    return f"kiosk {__version__}, {len(raw)} bytes, crc32 {zlib.crc32(raw):08x}"


def recall(cache_dir: Path, raw: bytes) -> FirstFrame | None:
    """The first frame recorded for exactly this config text, or None."""
    try:
        lines = (cache_dir / RECORD_FILENAME).read_text(encoding="ascii").splitlines()
        key, school, languages, default, pin = lines
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    offered = tuple(languages.split(","))
    if key != _key(raw) or not set(offered) <= set(LANGUAGE_NAMES) or default not in offered:
        return None  # another text, or a record edited by hand: validate the file again
    school_name = school.encode("ascii").decode("unicode_escape")
    return FirstFrame(school_name, offered, default, pin == "pin")


def remember(cache_dir: Path, raw: bytes, first: FirstFrame) -> None:
    """Best effort: a cache folder that cannot be written only costs start-up time."""
    school = first.school_name.encode("unicode_escape").decode("ascii")  # one ASCII line
    lines = [
        _key(raw),
        school,
        ",".join(first.languages),
        first.default_language,
        "pin" if first.has_pin else "no pin",
    ]
    path = cache_dir / RECORD_FILENAME
    temporary = path.with_name(path.name + ".tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary.write_text("\n".join(lines) + "\n", encoding="ascii")
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("cannot remember the validated config in %s: %s", cache_dir, exc)
