"""scripts/icu_trim.py's choice of ICU items to drop, on real item names from ICU 73's package.

The library it builds is tested in the bundle (tests/test_bundle.py); these are its rules alone.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def icu_trim() -> ModuleType:
    path = Path(__file__).resolve().parents[3] / "scripts" / "icu_trim.py"
    spec = importlib.util.spec_from_file_location("icu_trim", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KEPT = [
    "root.res", "pool.res", "res_index.res", "en.res", "en_US_POSIX.res", "es.res", "es_419.res",
    "es_MX.res", "zoneinfo64.res", "metaZones.res", "timezoneTypes.res", "windowsZones.res",
    "supplementalData.res", "likelySubtags.res", "units.res", "cnvalias.icu",
    "ibm-943_P15A-2003.cnv", "uts46.nrm", "unames.icu", "coll/ucadata.icu", "coll/root.res",
    "coll/res_index.res",
    "coll/es__TRADITIONAL.res", "brkitr/line.brk", "brkitr/root.res", "brkitr/en_US_POSIX.res",
    "zone/es.res", "zone/tzdbNames.res", "curr/pool.res", "rbnf/es_419.res",
]  # fmt: skip
DROPPED = [
    "fr.res", "ars.res", "zh_Hant_TW.res", "iw.res", "coll/zh.res", "coll/de__PHONEBOOK.res",
    "zone/fr_CA.res", "lang/yue_Hans.res", "unit/ja.res", "translit/root.res", "translit/en.res",
]  # fmt: skip
DICTIONARIES = ["brkitr/cjdict.dict", "brkitr/thaidict.dict"]


def test_keeps_root_the_app_languages_and_shared_data() -> None:
    checked, unchecked = icu_trim().removals(KEPT + DROPPED + DICTIONARIES, {"en", "es"})
    assert checked == DROPPED
    assert unchecked == DICTIONARIES  # removed past icupkg's dependency check, on purpose


def test_a_new_translation_keeps_its_locale_data() -> None:
    checked, _ = icu_trim().removals(["fr.res", "zone/fr_CA.res", "de.res"], {"en", "es", "fr"})
    assert checked == ["de.res"]
