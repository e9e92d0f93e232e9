"""Crash safety and the log file, on the real window wired to a real store.

* An unhandled error returns the kiosk to Welcome; the card saved before it stays in the store.
* A visitor flow with a known comment and contact leaves none of them in the log file, while
  the log does record the visit (card ids), and Qt's own warnings land in it under 'qt'.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from logging_scope import kiosk_logging
from PySide6.QtCore import QCoreApplication, QEvent, QTimer, qWarning
from PySide6.QtWidgets import QApplication

from kiosk.core.card import Card, Delivery
from kiosk.core.config import Config
from kiosk.core.crash import MAX_CRASHES, CrashHandler
from kiosk.core.exit_codes import EXIT_CRASHED
from kiosk.core.logs import LOG_FILENAME
from kiosk.shell.app import build_window
from kiosk.shell.qt_log import route_qt_messages
from kiosk.store.cards import CardStore
from kiosk.ui.window import KioskWindow

COMMENT = "Zyxwv the secretary Ms Quillfeather was wonderful"
NAME = "Marisol Qwertyuiop"
PHONE = "555 201 7788"
EMAIL = "marisol.qwerty@example.org"


@pytest.fixture
def window(qapp: QApplication, data_dir: Path, clock: object) -> Iterator[KioskWindow]:
    win, session = build_window(
        qapp,
        Config(),
        data_dir,
        (1280, 800),
        kiosk_mode=False,
        clock=clock,  # type: ignore[arg-type]
    )
    # Not shown: the offscreen plugin warns about size hints on show(), and clicks need no
    # visible window (button.click() emits exactly what a tap does).
    yield win
    win.idle_timer.stop()
    win.thanks_timer.stop()
    win.leave_kiosk()
    if session.store is not None:
        session.store.close()
    # Deleted here and now: a plain deleteLater() would run inside some later test's event
    # loop (e.g. while it waits for a report thread) and crash there; a window left alive
    # keeps filtering every later test's events.
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The kiosk's logging set up in tmp_path; pytest's own handlers restored afterwards."""
    with kiosk_logging(tmp_path / "log", "DEBUG") as path:
        assert path is not None
        yield path


def stored(data_dir: Path, clock: object) -> list[Card]:
    store = CardStore.in_dir(data_dir, clock)  # type: ignore[arg-type]
    try:
        return store.cards()
    finally:
        store.close()


def raise_into(handler: CrashHandler) -> None:
    try:
        raise RuntimeError("a bug in a screen")
    except RuntimeError as exc:
        handler(type(exc), exc, exc.__traceback__)


def test_error_returns_to_welcome_and_keeps_the_saved_card(
    window: KioskWindow, data_dir: Path, clock: object
) -> None:
    window.welcome.faces[1].click()  # rating 2: the card is saved now
    window.details.next_button.click()
    assert window.current() is window.role
    exits: list[int] = []
    raise_into(CrashHandler(window.reset_to_welcome, exits.append))
    assert window.current() is window.welcome
    assert not window.visit_open
    assert exits == []
    cards = stored(data_dir, clock)
    assert [(c.rating, c.delivery) for c in cards] == [(2, Delivery.PENDING)]


@pytest.mark.qt_no_exception_capture
def test_error_raised_in_a_qt_slot_reaches_the_hook(
    qtbot: object, window: KioskWindow, data_dir: Path, clock: object
) -> None:
    """The real path: PySide6 hands a slot's exception to sys.excepthook."""
    exits: list[int] = []
    handler = CrashHandler(window.reset_to_welcome, exits.append).install()
    try:
        window.welcome.faces[4].click()
        assert window.current() is window.details
        broken = QTimer()
        broken.setSingleShot(True)
        broken.timeout.connect(lambda: 1 / 0)
        with qtbot.waitSignal(broken.timeout, timeout=2000):  # type: ignore[attr-defined]
            broken.start(0)
        assert window.current() is window.welcome
        assert [c.rating for c in stored(data_dir, clock)] == [5]
        assert exits == []
    finally:
        handler.uninstall()


def test_errors_that_keep_coming_exit_for_the_autostart() -> None:
    exits: list[int] = []
    resets: list[int] = []
    now = [100.0]
    handler = CrashHandler(lambda: resets.append(1), exits.append, monotonic=lambda: now[0])
    for _ in range(MAX_CRASHES - 1):
        raise_into(handler)
        now[0] += 1
    assert exits == [] and len(resets) == MAX_CRASHES - 1
    raise_into(handler)
    assert exits == [EXIT_CRASHED]
    assert len(resets) == MAX_CRASHES - 1  # no reset: the process is leaving


def test_spread_out_errors_do_not_exit() -> None:
    exits: list[int] = []
    resets: list[int] = []
    now = [0.0]
    handler = CrashHandler(lambda: resets.append(1), exits.append, monotonic=lambda: now[0])
    for _ in range(MAX_CRASHES * 2):
        raise_into(handler)
        now[0] += 30
    assert exits == [] and len(resets) == MAX_CRASHES * 2


def test_a_failing_reset_exits_for_the_autostart() -> None:
    exits: list[int] = []

    def broken_reset() -> None:
        raise RuntimeError("the window itself is broken")

    raise_into(CrashHandler(broken_reset, exits.append))
    assert exits == [EXIT_CRASHED]


def test_visitor_text_never_reaches_the_log(
    window: KioskWindow, log_file: Path, data_dir: Path, clock: object
) -> None:
    window.welcome.faces[3].click()
    window.details.went_well.buttons["friendly"].setChecked(True)
    window.details.next_button.click()
    window.role.buttons["parent"].setChecked(True)
    window.role.next_button.click()
    assert window.resolution is not None
    window.resolution.next_button.click()
    window.comment.editor.setPlainText(COMMENT)
    window.comment.next_button.click()
    assert window.current() is window.followup
    window.followup.name.setText(NAME)
    window.followup.phone.setText(PHONE)
    window.followup.email.setText(EMAIL)
    window.followup.consent.setChecked(True)
    window.followup.done_button.click()
    assert window.current() is window.thanks
    raise_into(CrashHandler(window.reset_to_welcome, lambda code: None))  # a crash is logged too

    [card] = stored(data_dir, clock)
    assert card.comment == COMMENT and card.contact_email == EMAIL  # the visit was recorded
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert f"card {card.id} created" in text and f"card {card.id} final" in text
    assert "unhandled error" in text
    for secret in (COMMENT, "Quillfeather", NAME, "Qwertyuiop", PHONE, "7788", EMAIL):
        assert secret not in text, f"{secret!r} leaked into the log"


def test_qt_warnings_are_routed_into_the_log_file(qapp: QApplication, log_file: Path) -> None:
    route_qt_messages()
    qWarning("a Qt warning for the log file")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "WARNING qt: a Qt warning for the log file" in log_file.read_text(encoding="utf-8")


def test_log_file_is_in_the_given_folder_and_rotates(tmp_path: Path) -> None:
    from kiosk.core import logs

    with kiosk_logging(tmp_path / "logs", "INFO") as path:
        assert path == tmp_path / "logs" / LOG_FILENAME
        line = "x" * 1000
        for _ in range(logs.MAX_BYTES // 1000 * 2):
            logging.getLogger("kiosk.store").info("%s", line)
        rotated = sorted(p.name for p in (tmp_path / "logs").iterdir())
        assert rotated[:2] == ["kiosk.log", "kiosk.log.1"]
        assert len(rotated) <= logs.BACKUP_COUNT + 1


KILLED_KIOSK = """
import os, signal, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from kiosk.shell.app import build_window
from kiosk.core.config import Config

app = QApplication([])
window, _session = build_window(app, Config(), Path(sys.argv[1]), (1280, 800), kiosk_mode=False)
window.welcome.faces[2].click()
window.details.went_well.buttons["quick"].setChecked(True)
window.details.next_button.click()
print("answered", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the process dies mid-visit, as in a hard crash
"""


@pytest.mark.skipif(not hasattr(os, "kill") or os.name == "nt", reason="POSIX signals")
def test_a_killed_kiosk_loses_no_saved_answer(data_dir: Path, clock: object) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", KILLED_KIOSK, str(data_dir)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == "answered", result.stderr
    assert result.returncode == -signal.SIGKILL
    store = CardStore.in_dir(data_dir, clock)  # type: ignore[arg-type]
    try:
        # What the next start does (VisitorSession opens the store): the open card is final.
        assert store.finalise_abandoned() == 1
        [card] = store.cards()
    finally:
        store.close()
    assert (card.rating, card.went_well, card.delivery) == (3, ["quick"], Delivery.PENDING)
