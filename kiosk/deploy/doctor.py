"""`kiosk doctor`: one line per check, OK / WARN / FAIL / SKIP, and what to do about it.

Qt-free and read-only: it never migrates the database or writes the config (its write test
creates and removes an empty file and rolls back a transaction), so IT can run it beside a
running kiosk. Each check is a plain function returning a Check, so tests drive each
failure with real files and real sockets.
"""

from __future__ import annotations

import errno
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from kiosk.core.config import Config, ConfigError, SyncConfig, TokenError, load_config
from kiosk.core.resources import SOURCE_LANGUAGE
from kiosk.core.speech import EspeakEngine, SpeechEngine, install_hint, system_engine, wav_is_silent
from kiosk.deploy.buildinfo import BuildInfo
from kiosk.store.cards import DB_FILENAME
from kiosk.store.errors import StoreEnvironmentError, StoreProblem
from kiosk.store.integrity import integrity_check, pending_by_kiosk, write_probe
from kiosk.store.journal import FallbackJournal, journal_path
from sync.client import DistrictClient, Probe
from sync.errors import NetworkError, SyncConfigError, UntrustedCertificate
from sync.protocol import API_PREFIX, ProblemCode

# Below this much free space the kiosk may fail to save a card; below WARN, plan a clean-up.
DISK_FAIL_BYTES = 200 * 1024 * 1024
DISK_WARN_BYTES = 1024 * 1024 * 1024
# A clock before this is wrong on any kiosk: TLS fails and cards carry impossible dates.
EARLIEST_PLAUSIBLE = datetime(2026, 1, 1, tzinfo=UTC)
LATEST_PLAUSIBLE_YEARS = 15
ENDPOINT_TIMEOUT_SECONDS = 5.0
MAX_CLOCK_SKEW_SECONDS = 120  # past two minutes, a card's time and the district's disagree visibly
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


class Status(StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"
    SKIP = "SKIP"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"{self.status.value:<4}  {self.name:<12} {self.detail}"
        return f"{text}\n      {'':<12} what to do: {self.fix}" if self.fix else text


def check_config(path: Path | None) -> tuple[Check, Config | None]:
    if path is None:
        return (
            Check(
                "config",
                Status.WARN,
                "no config file found; running on built-in defaults (demo school name, no sync)",
                "run `kiosk provision ...` or put config.toml in the per-machine config folder",
            ),
            Config(),
        )
    try:
        config = load_config(path)
    except ConfigError as exc:
        return Check("config", Status.FAIL, str(exc), "correct the file and run doctor again"), None
    return (
        Check("config", Status.OK, f"{path} (school {config.school_name!r}, {config.kiosk_id})"),
        config,
    )


def check_database(data_dir: Path) -> Check:
    path = data_dir / DB_FILENAME
    if not path.exists():
        return Check("database", Status.OK, f"{path} not created yet (made at the first visit)")
    try:
        problems = integrity_check(path)
    except StoreEnvironmentError as exc:
        return Check("database", Status.FAIL, str(exc), STORE_FIXES[exc.problem])
    if problems:
        shown = "; ".join(problems[:3]) + (
            f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        )
        return Check(
            "database",
            Status.FAIL,
            f"{path} is damaged: {shown}",
            STORE_FIXES[StoreProblem.DAMAGED],
        )
    return Check("database", Status.OK, f"{path} passes PRAGMA integrity_check")


STORE_FIXES = {
    StoreProblem.DAMAGED: (
        "stop the kiosk and run `kiosk recover`: it keeps the damaged file as "
        "cards.db.damaged-<time> and moves every card that still reads into a fresh one, those "
        "not sent yet included (starting the kiosk does the same)"
    ),
    StoreProblem.LOCKED: (
        "another program holds the database: close it (a second kiosk on this data folder, a "
        "database browser, a backup or sync tool), then run doctor again"
    ),
    StoreProblem.READ_ONLY: (
        "give the kiosk's user write access to the data folder and cards.db (owner and mode; "
        "`lsattr`/`chattr -i` for an immutable file), or mount the disk read-write "
        "(`mount -o remount,rw ...`; a disk that turns read-only by itself is failing)"
    ),
    StoreProblem.CANNOT_OPEN: (
        "check that the data folder and cards.db exist and belong to the kiosk's user"
    ),
    StoreProblem.FULL: "free disk space; the kiosk cannot save cards",
    StoreProblem.IO: (
        "the disk fails to read or write: check it (`dmesg`, `smartctl -a`), copy the data "
        "folder off it and replace it"
    ),
    StoreProblem.NEWER: "install the kiosk version that wrote this file, or a newer one",
}


def check_writable(data_dir: Path) -> Check:
    """The kiosk can save: the data folder takes a new file and the database its write lock
    (nothing is written to it). A read-only folder or mount passes every reading check."""
    where = _existing_ancestor(data_dir)
    probe = where / ".doctor-write-probe"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        problem = (
            StoreProblem.READ_ONLY
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
            else StoreProblem.IO
        )
        return Check(
            "writable",
            Status.FAIL,
            f"cannot write in {where} ({exc.strerror}): the kiosk can save no card",
            STORE_FIXES[problem],
        )
    path = data_dir / DB_FILENAME
    if not path.exists():
        return Check("writable", Status.OK, f"{where} takes new files")
    try:
        write_probe(path)
    except StoreEnvironmentError as exc:
        if exc.problem is StoreProblem.DAMAGED:
            return Check("writable", Status.SKIP, "the database is damaged (see above)")
        return Check(
            "writable",
            Status.FAIL,
            f"{exc}: the kiosk can save no card",
            STORE_FIXES[exc.problem],
        )
    return Check("writable", Status.OK, f"{data_dir} and {path.name} can be written")


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def check_disk(
    data_dir: Path, fail_below: int = DISK_FAIL_BYTES, warn_below: int = DISK_WARN_BYTES
) -> Check:
    where = _existing_ancestor(data_dir)
    free = shutil.disk_usage(where).free
    shown = f"{free / 1024**3:.1f} GB free for {data_dir}"
    if free < fail_below:
        return Check("disk", Status.FAIL, shown, "free disk space; the kiosk cannot save cards")
    if free < warn_below:
        return Check("disk", Status.WARN, shown, "free disk space soon")
    return Check("disk", Status.OK, shown)


def check_clock(now: datetime, build: BuildInfo) -> Check:
    floor = max(EARLIEST_PLAUSIBLE, build.built_at or EARLIEST_PLAUSIBLE) - timedelta(days=1)
    ceiling = floor.replace(year=floor.year + LATEST_PLAUSIBLE_YEARS)
    shown = f"{now.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    fix = "set the date and time, and turn on automatic time (NTP) so it stays right"
    if now < floor:
        return Check("clock", Status.FAIL, f"{shown} is before this software was built", fix)
    if now > ceiling:
        return Check("clock", Status.FAIL, f"{shown} is implausibly far in the future", fix)
    return Check("clock", Status.OK, shown)


def check_unsaved_visits(data_dir: Path) -> Check:
    """Visits the card database refused, waiting in the fallback journal (kiosk.store.journal)."""
    path = journal_path(data_dir)
    count = FallbackJournal(path).count() if path is not None else 0
    if not count:
        return Check("unsaved", Status.OK, "no visits waiting outside the card database")
    return Check(
        "unsaved",
        Status.WARN,
        f"{count} visit(s) the card database refused wait in {path}",
        "fix the database problem above (or free disk space), then start the kiosk: it moves "
        "them in",
    )


def check_other_kiosk_ids(data_dir: Path, kiosk_id: str) -> Check | None:
    """Pending cards made under another kiosk id than the config's (it was changed): the
    receiver takes a card only from the kiosk that made it, so they wait until sent as that one.
    None when the database cannot be read (the database check says why)."""
    path = data_dir / DB_FILENAME
    if not path.exists():
        return None
    try:
        pending = pending_by_kiosk(path)
    except StoreEnvironmentError:
        return None
    others = {k: n for k, n in pending.items() if k != kiosk_id}
    if not others:
        return Check("kiosk id", Status.OK, f"every card waiting to be sent is {kiosk_id}'s")
    made = ", ".join(f"{n} as {k}" for k, n in others.items())
    first = next(iter(others))
    return Check(
        "kiosk id",
        Status.FAIL,
        f"{sum(others.values())} card(s) waiting to be sent were made under another kiosk id "
        f"({made}); this kiosk sends as {kiosk_id}, and the district takes a card only from "
        "the kiosk that made it",
        f"send them as that kiosk: `kiosk sync --once --as {first} --token-file FILE` with "
        f"{first}'s token (ask district IT for it if it is lost); they stay here until then",
    )


def check_clock_skew(now: datetime, district: datetime) -> Check:
    """This machine's clock against the receiver's (its answer's Date header)."""
    skew = (now - district).total_seconds()
    ahead_or_behind = "ahead of" if skew > 0 else "behind"
    detail = f"{_duration(abs(skew))} {ahead_or_behind} the district server's clock"
    if abs(skew) > MAX_CLOCK_SKEW_SECONDS:
        return Check(
            "clock skew",
            Status.WARN,
            detail,
            "turn on automatic time (NTP); cards would be dated wrongly and TLS may fail",
        )
    return Check("clock skew", Status.OK, detail)


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def check_translations(languages: Iterable[str], locale_dir: Path) -> Check:
    wanted = [lang for lang in languages if lang != SOURCE_LANGUAGE]
    if not wanted:
        return Check("translations", Status.SKIP, "only English is configured")
    bad: list[str] = []
    for lang in wanted:
        qm = locale_dir / f"kiosk_{lang}.qm"
        try:
            with qm.open("rb") as f:
                if f.read(len(QM_MAGIC)) != QM_MAGIC:
                    bad.append(f"{qm.name} is not a compiled translation")
        except OSError:
            bad.append(f"{qm.name} is missing")
    if bad:
        return Check(
            "translations",
            Status.FAIL,
            f"{'; '.join(bad)} (in {locale_dir})",
            "reinstall the kiosk build; from source run `bash scripts/dev.sh setup`",
        )
    return Check("translations", Status.OK, f"{', '.join(wanted)} present in {locale_dir}")


# What doctor has each voice say, to hear that it makes a sound.
SPEECH_SAMPLES = {"en": "How was your visit today?", "es": "¿Cómo fue su visita hoy?"}


def check_speech(config: Config, engine: SpeechEngine | None) -> Check:
    """A voice for each offered language, so the speaker button can read every screen."""
    if not config.speech_button:
        return Check("speech", Status.SKIP, "speech_button is off in the config")
    if engine is None:
        return Check(
            "speech",
            Status.FAIL,
            "no offline voice on this machine: the kiosk shows no speaker button",
            install_hint(),
        )
    try:
        missing = engine.missing_voices(config.languages)
        if not missing and isinstance(engine, EspeakEngine):
            missing = _silent_voices(engine, config.languages)
        labels = {
            lang: engine.voice_label(lang) for lang in config.languages if lang not in missing
        }
    except (OSError, subprocess.SubprocessError) as exc:
        return Check(
            "speech", Status.FAIL, f"{engine.name} does not answer ({exc})", install_hint()
        )
    if missing:
        return Check("speech", Status.FAIL, "; ".join(missing.values()), install_hint())
    voices = ", ".join(f"{lang} ({voice})" for lang, voice in labels.items())
    return Check("speech", Status.OK, f"{engine.name}: {voices}")


def _silent_voices(engine: EspeakEngine, languages: Iterable[str]) -> dict[str, str]:
    """Each language whose voice renders no sound (espeak-ng's data is broken or missing)."""
    silent: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-doctor-") as scratch:
        for lang in languages:
            wav = Path(scratch) / f"{lang}.wav"
            engine.render(SPEECH_SAMPLES.get(lang, "kiosk"), lang, wav)
            if not wav.is_file() or wav_is_silent(wav):
                silent[lang] = f"espeak-ng's {engine.voice(lang)} voice makes no sound"
    return silent


def check_fonts() -> Check:
    import fontpkg

    try:
        files = [f.path for f in fontpkg.family("Atkinson Hyperlegible").files]
    except fontpkg.FontpkgError as exc:
        return Check("fonts", Status.FAIL, f"Atkinson Hyperlegible not found ({exc})", _FONT_FIX)
    missing = [p for p in files if not Path(p).is_file()]
    if not files or missing:
        return Check("fonts", Status.FAIL, f"font files missing: {missing}", _FONT_FIX)
    return Check("fonts", Status.OK, f"Atkinson Hyperlegible, {len(files)} files")


_FONT_FIX = "reinstall the kiosk build (or `pip install fontpkg-atkinson-hyperlegible`)"


def check_logs(log_dir: Path) -> Check:
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        probe = log_dir / ".doctor-probe"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return Check(
            "logs",
            Status.WARN,
            f"cannot write in {log_dir} ({exc.strerror}); the kiosk runs but keeps no log file",
            "give the kiosk's user write access to that folder",
        )
    return Check("logs", Status.OK, str(log_dir / "kiosk.log"))


_TOKEN_FIXES = {
    "missing": "run `kiosk provision ... --token-file FILE` again",
    "unreadable": "check that the file exists and belongs to the kiosk's user (mode 0600)",
    "empty": "provision the kiosk's token again",
}


def read_token(sync: SyncConfig) -> tuple[str | None, Check | None]:
    """The bearer token from the config, or the Check explaining why there is none usable."""
    try:
        return sync.read_token(), None
    except TokenError as exc:
        return None, Check("endpoint", Status.FAIL, str(exc), _TOKEN_FIXES[exc.problem])


def check_token_file_mode(sync: SyncConfig) -> Check | None:
    if sync.token_file is None or sys.platform == "win32":
        return None
    try:
        mode = stat.S_IMODE(sync.token_file.stat().st_mode)
    except OSError:
        return None
    if mode & 0o077:
        return Check(
            "token",
            Status.WARN,
            f"{sync.token_file} is readable by other users (mode {mode:04o})",
            f"chmod 600 {sync.token_file}",
        )
    return Check("token", Status.OK, f"{sync.token_file} readable by its owner only")


def check_endpoint(sync: SyncConfig, timeout: float = ENDPOINT_TIMEOUT_SECONDS) -> Check:
    return probe_endpoint(sync, timeout)[0]


def probe_endpoint(
    sync: SyncConfig, timeout: float = ENDPOINT_TIMEOUT_SECONDS
) -> tuple[Check, Probe | None]:
    """Reachability and authorisation of the district receiver, with no side effect
    (``DistrictClient.probe``). 401 means the token is unknown; 200 means it is a district
    token, which cannot send cards."""
    if not sync.endpoint:
        return Check("endpoint", Status.SKIP, "not configured (cards stay on this kiosk)"), None
    token, problem = read_token(sync)
    if problem is not None:
        return problem, None
    assert token is not None
    try:
        client = DistrictClient(
            sync.endpoint, token, min(timeout, sync.timeout_seconds), sync.allow_insecure_http
        )
    except SyncConfigError:
        return Check(
            "endpoint",
            Status.FAIL,
            f"{sync.endpoint} is plain http to another machine",
            "use the district's https:// address",
        ), None
    try:
        probe = client.probe()
    except UntrustedCertificate:
        return Check(
            "endpoint",
            Status.FAIL,
            f"{sync.endpoint}: the server's TLS certificate is not trusted",
            "check the machine's clock and the district's certificate",
        ), None
    except NetworkError as exc:
        return Check(
            "endpoint",
            Status.FAIL,
            f"cannot reach {sync.endpoint} ({exc})",
            "check the network cable or Wi-Fi, the proxy and the firewall, and the endpoint URL",
        ), None
    finally:
        client.close()
    status, code = probe.status, probe.problem_code
    if not probe.protocol and probe.portal:
        return Check(
            "endpoint",
            Status.FAIL,
            f"{sync.endpoint}: the network answered with a web page (HTTP {status}) instead of "
            "the district server",
            "sign in to this Wi-Fi's portal in a browser, or use a network without one",
        ), probe
    if status == 403 and code == ProblemCode.WRONG_SCOPE:
        return Check(
            "endpoint", Status.OK, f"{sync.endpoint} reachable; this kiosk's token is accepted"
        ), probe
    if status == 401 or status == 403:
        return Check(
            "endpoint",
            Status.FAIL,
            f"{sync.endpoint} refused this kiosk's token (HTTP {status}"
            + (f", problem {code})" if code else ")"),
            "ask district IT for this kiosk's token and provision it again",
        ), probe
    if status == 200:
        return Check(
            "endpoint",
            Status.FAIL,
            f"{sync.endpoint} took the token as a district token, which cannot send cards",
            "provision this kiosk's own token, not a district one",
        ), probe
    if status >= 500:
        return Check(
            "endpoint",
            Status.WARN,
            f"{sync.endpoint} answers with a server error (HTTP {status})",
            "tell district IT; cards wait on the kiosk and go when it recovers",
        ), probe
    return Check(
        "endpoint",
        Status.FAIL,
        f"{sync.endpoint} answers HTTP {status} to {API_PREFIX}/kiosks: not a v1 receiver",
        "check the endpoint URL (the receiver's base address, without /v1)",
    ), probe


def run_checks(
    config_file: Path | None,
    data_dir: Path,
    log_dir: Path,
    locale_dir: Path,
    build: BuildInfo,
    now: datetime,
) -> list[Check]:
    config_check, config = check_config(config_file)
    checks = [
        Check("version", Status.OK, build.describe()),
        config_check,
        check_database(data_dir),
        check_writable(data_dir),
        check_unsaved_visits(data_dir),
        check_disk(data_dir),
        check_clock(now, build),
        check_logs(log_dir),
        check_fonts(),
    ]
    if config is None:
        checks.append(Check("translations", Status.SKIP, "config not valid"))
        checks.append(Check("speech", Status.SKIP, "config not valid"))
        checks.append(Check("endpoint", Status.SKIP, "config not valid"))
        return checks
    checks.append(check_translations(config.languages, locale_dir))
    checks.append(check_speech(config, system_engine()))
    other_ids = check_other_kiosk_ids(data_dir, config.kiosk_id)
    if other_ids is not None:
        checks.append(other_ids)
    mode = check_token_file_mode(config.sync)
    if mode is not None and config.sync.endpoint:
        checks.append(mode)
    endpoint, probe = probe_endpoint(config.sync)
    checks.append(endpoint)
    if probe is not None and probe.protocol and probe.server_date is not None:
        checks.append(check_clock_skew(now, probe.server_date))
    return checks


def failed(checks: Iterable[Check]) -> bool:
    return any(c.status is Status.FAIL for c in checks)
