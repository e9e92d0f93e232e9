"""What was built, and when: stamped into the PyInstaller bundle by build.spec.

The version itself lives in one place, ``sync.__version__``. A bundle also carries
``kiosk/build-info.json`` (build time and commit), which `kiosk doctor` uses to spot a clock that
is set before the software existed. Run from source, the build time is unknown.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk import __version__

BUILD_INFO_NAME = "build-info.json"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    built_at: datetime | None
    commit: str
    frozen: bool

    def describe(self) -> str:
        if not self.frozen:
            return f"{self.version} (from source)"
        built = f"{self.built_at:%Y-%m-%d}" if self.built_at else "unknown date"
        return f"{self.version} (build {self.commit}, {built})"


def build_info() -> BuildInfo:
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return BuildInfo(__version__, None, "source", frozen=False)
    try:
        data = json.loads((Path(bundle) / "kiosk" / BUILD_INFO_NAME).read_text(encoding="utf-8"))
        built_at = datetime.fromisoformat(data["built_at"])  # ISO 8601 from build.spec
        if built_at.tzinfo is None:
            raise ValueError("built_at has no UTC offset")
        return BuildInfo(__version__, built_at, str(data.get("commit", "unknown")), frozen=True)
    except (OSError, ValueError, KeyError):
        return BuildInfo(__version__, None, "unknown", frozen=True)
