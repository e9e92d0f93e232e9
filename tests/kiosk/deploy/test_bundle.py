"""The PyInstaller bundle is whole: build it, then run the built `kiosk doctor`, `kiosk snapshot`
and `kiosk run` offscreen, failing on any stderr line not in the allow-list below (after
qutebrowser's scripts/dev/build_release.py smoke test).

Marked slow: the build takes about 30 s on a 2-core machine, the three runs a few seconds.
`KIOSK_BUNDLE=dist/kiosk pytest tests/test_bundle.py` tests an existing build instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEMO_CONFIG = ROOT / "assets" / "demo.toml"
# The target (README: "Deploying" has the measured size): 120 MB, decimal megabytes.
MAX_BUNDLE_BYTES = 120_000_000
# build.spec swaps in scripts/icu_trim.py's library (9.7 MB); the wheel's own is 32 MB.
MAX_ICU_DATA_BYTES = 12_000_000

# stderr lines a healthy bundle may print; each says where it was seen.
ALLOWED_STDERR = [
    # The offscreen platform cannot pass size hints on (any shown window); absent on xcb and
    # Windows. Printed by Qt itself (snapshot) or through the 'qt' logger (run). The same line
    # is ignored in pytest's qt_log_ignore.
    r"^(\S+ \S+ WARNING qt: )?This plugin does not support propagateSizeHints\(\)$",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="built and run on Linux CI"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    existing = os.environ.get("KIOSK_BUNDLE")
    if existing:
        yield Path(existing).resolve()
        return
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
            "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    yield work / "dist" / "kiosk"


@pytest.fixture
def frozen_env(tmp_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KIOSK_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CONFIG_DIRS=str(tmp_path / "etc-xdg"),
        XDG_DATA_HOME=str(tmp_path / "data-home"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        LANG="C.UTF-8",
    )
    return env


def run_frozen(
    bundle: Path, args: list[str], env: dict[str, str], cwd: Path, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    # cwd outside the checkout: the bundle must not find anything through the source tree.
    result = subprocess.run(
        [*prefix, str(bundle / "kiosk"), *args], env=env, cwd=cwd, capture_output=True,
        text=True, timeout=120,
    )  # fmt: skip
    unexpected = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not any(re.search(p, line) for p in ALLOWED_STDERR)
    ]
    assert not unexpected, "unexpected stderr from the bundle:\n" + "\n".join(unexpected)
    return result


def test_bundle_size_and_contents(bundle: Path) -> None:
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    assert size < MAX_BUNDLE_BYTES, f"bundle is {size / 1e6:.1f} MB"
    internal = bundle / "_internal"
    assert (internal / "kiosk" / "locale" / "kiosk_es.qm").is_file()
    assert (internal / "assets" / "style.qss").is_file()
    assert (internal / "kiosk" / "build-info.json").is_file()
    # Excluded on purpose: nothing of QtNetwork/QML/WebEngine, no Qt translations.
    names = {p.name for p in internal.rglob("*")}
    assert not any(n.startswith(("QtNetwork", "QtQml", "QtQuick", "QtWebEngine")) for n in names)
    assert not any(n.startswith("qtbase_") for n in names)
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]


def test_frozen_doctor_passes(bundle: Path, frozen_env: dict[str, str], tmp_path: Path) -> None:
    result = run_frozen(
        bundle,
        ["doctor", "--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "cards")],
        frozen_env,
        tmp_path,
    )
    assert result.returncode == 0, result.stdout
    for name in ("fonts", "translations", "database", "clock", "speech"):
        assert re.search(rf"^OK\s+{name}\s", result.stdout, re.M), result.stdout
    assert re.search(r"^OK\s+version\s+\S+ \(build \w+, \d{4}-\d\d-\d\d\)", result.stdout, re.M)


# What build.spec keeps of espeak-ng-data: the shared phoneme tables and intonations, and a
# voice and a dictionary for each offered language.
BUNDLED_VOICE_DATA = [
    "en_dict", "es_dict", "intonations", "lang/gmw/en-US", "lang/roa/es-419", "phondata",
    "phonindex", "phontab",
]  # fmt: skip


def hiding_system_espeak(scratch: Path) -> list[str]:
    """A command prefix that runs a program where the system's espeak-ng program, libraries
    and voice data are empty (a user namespace with bind mounts), or none where the kernel
    allows no such namespace: then only PATH keeps the system's espeak-ng out of reach."""
    # By full path: the program runs with a PATH that has nothing in it.
    program, unshare, mount, sh = map(shutil.which, ["espeak-ng", "unshare", "mount", "sh"])
    if not (program and unshare and mount and sh):
        return []
    if subprocess.run([unshare, "-r", "-m", "true"], capture_output=True).returncode != 0:
        return []
    ldd = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
    libraries = re.findall(r"(lib(?:espeak-ng|pcaudio|sonic)\S*) => (/\S+)", ldd)
    version = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
    data = re.search(r"Data at: (\S+)", version)
    assert len(libraries) == 3 and data, (ldd, version)
    empty_file, empty_dir = scratch / "empty-file", scratch / "empty-dir"
    empty_file.touch()
    empty_dir.mkdir()
    files = [os.path.realpath(p) for p in (program, *(path for _, path in libraries))]
    mounts = [f"{mount} --bind {empty_file} {f}" for f in files]
    mounts.append(f"{mount} --bind {empty_dir} {data.group(1)}")
    return [unshare, "-r", "-m", sh, "-c", " && ".join([*mounts, 'exec "$@"']), "sh"]


def test_frozen_doctor_speaks_with_the_bundled_espeak_alone(
    bundle: Path, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    home = bundle / "_internal" / "espeak-ng"
    data = home / "espeak-ng-data"
    kept = sorted(p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file())
    assert kept == BUNDLED_VOICE_DATA
    # Its own libraries come first (the kiosk puts the folder on its library path); the sound
    # system's are the machine's.
    env = {"PATH": os.environ["PATH"], "LD_LIBRARY_PATH": str(home)}
    ldd = subprocess.run(
        ["ldd", str(home / "espeak-ng")], env=env, capture_output=True, text=True, check=True
    ).stdout
    resolved = dict(re.findall(r"^\s*(\S+) => (\S+)", ldd, re.M))
    for name in ("libespeak-ng.so.1", "libpcaudio.so.0", "libsonic.so.0"):
        assert resolved[name] == str(home / name), ldd
    assert str(home) not in resolved["libasound.so.2"]
    assert "not found" not in ldd

    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = run_frozen(
        bundle,
        ["doctor", "--config", str(DEMO_CONFIG), "--data-dir", str(tmp_path / "cards")],
        {**frozen_env, "PATH": str(empty_bin)},
        tmp_path,
        prefix=hiding_system_espeak(tmp_path),
    )
    # doctor has each voice say a sentence into a WAV file, and fails the check on silence.
    expected = r"^OK\s+speech\s+espeak-ng \(bundled\): en \(en-us\), es \(es-419\)$"
    assert re.search(expected, result.stdout, re.M), result.stdout
    assert result.returncode == 0, result.stdout


def test_frozen_snapshot_renders_every_screen(
    bundle: Path, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "shots"
    result = run_frozen(
        bundle, ["snapshot", "--config", str(DEMO_CONFIG), "--out", str(out)], frozen_env, tmp_path
    )
    assert result.returncode == 0
    pngs = sorted(p.name for p in out.glob("*.png"))
    visitor = [p for p in pngs if not p.startswith("manager-")]
    manager = [p for p in pngs if p.startswith("manager-")]
    assert "welcome-es.png" in visitor and "thanks-en.png" in visitor
    # Nine screens, Welcome reading aloud, the idle warning, the attract state, the question
    # before closing, Starting and the config error screen, in two languages.
    assert len(visitor) == 30
    assert manager and all(p.endswith(("-en.png", "-es.png")) for p in manager)
    assert sorted(Path(line).name for line in result.stdout.split()) == pngs  # all it reported
    assert all(p.stat().st_size > 5000 for p in out.glob("*.png"))
    # The Spanish screens carry the translation.
    assert (out / "welcome-es.png").read_bytes() != (out / "welcome-en.png").read_bytes()


def test_frozen_kiosk_starts_paints_and_logs(
    bundle: Path, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "cards"
    result = run_frozen(
        bundle,
        ["run", "--windowed", "--quit-after-first-tap", "--config", str(DEMO_CONFIG),
         "--data-dir", str(data)],
        frozen_env,
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0
    assert (data / "cards.db").is_file()
    log_dir = tmp_path / "state" / "feedback-kiosk" / "log"
    assert (log_dir / "faults.log").is_file()  # ready for a hard crash's stack
    log = (log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "(bundle)" in log and "started" in log
    assert "cannot load font" not in log and "translation" not in log


def test_frozen_seed_and_pdf_report(
    bundle: Path, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    """The manager's PDF report (QPdfWriter, fonts, SQL) works from the bundle too."""
    data = tmp_path / "cards"
    common = ["--config", str(DEMO_CONFIG), "--data-dir", str(data)]
    run_frozen(
        bundle, ["seed", "--cards", "60", "--days", "3", "--random-seed", "7", *common],
        frozen_env, tmp_path,
    )  # fmt: skip
    today = date.today()
    out = tmp_path / "report.pdf"
    result = run_frozen(
        bundle,
        ["export", "--from", str(today - timedelta(days=5)), "--to", str(today + timedelta(days=1)),
         "--format", "pdf", "--out", str(out), *common],
        frozen_env,
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5000
    doctor = run_frozen(bundle, ["doctor", *common], frozen_env, tmp_path)
    assert re.search(r"^OK\s+database\s.*integrity_check", doctor.stdout, re.M), doctor.stdout


# Qt's calls into ICU (collation, case mapping, time zone names, converters), each needing data
# that the trimmed library must keep. Printed as JSON with the ICU libraries actually mapped.
ICU_PROBE = """
import json
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

spanish = QCollator(QLocale("es"))
pacific = QTimeZone(b"America/Los_Angeles")
standard = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
print(json.dumps({
    "es_sorted": sorted(["oso", "ñu", "nube"], key=spanish.sortKey),
    "es_upper": QLocale("es").toUpper("ñandú"),
    "tr_upper": QLocale("tr").toUpper("istanbul"),
    "tz_valid": pacific.isValid(),
    "tz_es": pacific.displayName(*standard, QLocale("es")),
    "tz_en": pacific.displayName(*standard, QLocale("en_US")),
    "codecs": [QStringDecoder(n).isValid() for n in ("windows-1252", "ISO-8859-15", "Shift_JIS")],
    "mapped": sorted({
        line.split()[-1] for line in open("/proc/self/maps")
        if "/libicu" in line
    }),
}))
"""


def test_bundle_icu_data_is_trimmed_and_still_answers_qt(bundle: Path, tmp_path: Path) -> None:
    qt_lib = bundle / "_internal" / "PySide6" / "Qt" / "lib"
    (icu_data,) = qt_lib.glob("libicudata.so.*")
    assert icu_data.stat().st_size < MAX_ICU_DATA_BYTES, icu_data.stat().st_size
    # The frozen kiosk runs no code it is given, so the PySide6 that built the bundle (the same
    # QtCore, unstripped) runs on the bundle's ICU: LD_LIBRARY_PATH beats QtCore's RUNPATH.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LD_"))}
    env.update(LD_LIBRARY_PATH=str(qt_lib), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    result = subprocess.run(
        [sys.executable, "-c", ICU_PROBE], env=env, cwd=tmp_path, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout)
    mapped = {Path(m).name: Path(m).parent for m in answers["mapped"]}
    assert mapped.get(icu_data.name) == qt_lib.resolve(), answers["mapped"]
    assert set(mapped.values()) == {qt_lib.resolve()}, answers["mapped"]
    assert answers["es_sorted"] == ["nube", "ñu", "oso"]  # Spanish tailoring: ñ after n (coll/es)
    assert answers["es_upper"] == "ÑANDÚ"
    assert answers["tr_upper"] == "İSTANBUL"  # Turkish dotted capital I
    assert answers["tz_valid"]
    assert answers["tz_es"] == "hora estándar del Pacífico"  # zone/es.res and metaZones
    assert answers["tz_en"] == "Pacific Standard Time"
    assert answers["codecs"] == [True, True, True]  # all converters are kept
