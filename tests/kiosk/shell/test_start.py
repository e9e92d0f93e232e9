"""`kiosk run` in two steps: Welcome painted first, the rest of the kiosk right after.

What the first frame may load is checked in fresh processes (this one has loaded everything).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, qWarning
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.core.config_seen import RECORD_FILENAME, recall, remember
from kiosk.core.first_frame import FirstFrame
from kiosk.shell.launch import QtMessages
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.theme import apply_theme
from kiosk.ui.window import KioskWindow

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "assets" / "demo.toml"
# What the first frame must not wait for (kiosk.shell.launch's docstring says why).
HEAVY = ("tomllib", "pydantic", "sqlite_utils", "kiosk.core.config", "kiosk.store.cards")


def run(
    *args: str, cache: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(cache),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=full_env, timeout=120
    )


def test_welcome_is_painted_before_the_heavy_modules_load(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from PySide6 import QtCore
        from PySide6.QtWidgets import QApplication
        from kiosk.core.first_frame import FirstFrame
        from kiosk.shell.launch import FirstPaint, first_frame

        app = QApplication([])
        first = FirstFrame("Escuela Roosevelt", ("es", "en"), "es", True)
        window = first_frame(app, first, (1280, 800), windowed=False)
        seen = []

        def painted():
            loaded = [m for m in {HEAVY!r} if m in sys.modules]
            if "Qt" in vars(QtCore):
                loaded.append("the Qt namespace")
            seen.append(loaded)
            app.exit(0)  # not quit(): a kiosk-mode window refuses to close

        watcher = FirstPaint(window.welcome, painted)
        window.showFullScreen()
        app.exec()
        print(seen, window.school.text(), window.welcome.question.text(), sep="|")
        """
    )
    result = run("-c", code, cache=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded, school, question = result.stdout.strip().split("|")
    assert loaded == "[[]]"
    assert school == "Escuela Roosevelt"
    assert question == "¿Cómo fue su visita hoy?"  # the default language, translated


def test_a_changed_config_is_validated_before_any_window(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    args = ("-m", "kiosk", "run", "--windowed", "--quit-after-first-tap", "--config")
    data = ("--data-dir", str(tmp_path / "data"))
    first = run(*args, str(config), *data, cache=tmp_path / "cache")
    assert first.returncode == 0, first.stderr
    record = tmp_path / "cache" / "feedback-kiosk" / RECORD_FILENAME
    recorded = record.read_text(encoding="ascii")
    assert "Lincoln Elementary School" in recorded

    config.write_text('school_name = "Lincoln"\nthanks_seconds = 0\n', encoding="utf-8")
    second = run(*args, str(config), *data, cache=tmp_path / "cache")
    assert second.returncode == 2
    assert second.stdout == ""  # no first paint: no window was opened
    assert second.stderr.strip().splitlines() == [
        f"kiosk: configuration error: {config}: thanks_seconds: "
        "Input should be greater than or equal to 2 (got 0)"
    ]
    assert record.read_text(encoding="ascii") == recorded  # a bad file is never recorded


def test_a_recorded_config_that_fails_validation_still_stops_the_kiosk(tmp_path: Path) -> None:
    """A record can be wrong (a CRC clash, a hand-edited cache): the check after the first
    paint then stops the kiosk with the same one-line error."""
    config = tmp_path / "kiosk.toml"
    raw = b'school_name = "Lincoln"\nidle_timeout_seconds = 5\n'
    config.write_bytes(raw)
    remember(tmp_path / "cache" / "feedback-kiosk", raw, FirstFrame("Lincoln", ("en",), "en", True))
    result = run(
        "-m", "kiosk", "run", "--quit-after-first-tap", "--config", str(config),
        "--data-dir", str(tmp_path / "data"), cache=tmp_path / "cache",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"kiosk: configuration error: {config}: idle_timeout_seconds: "
        "Input should be greater than or equal to 10 (got 5)"
    ]


def test_the_record_gives_back_its_first_frame_for_the_same_text_only(tmp_path: Path) -> None:
    raw = 'school_name = "Escuela Niños Héroes <K-8>"\n'.encode()
    first = FirstFrame("Escuela Niños Héroes <K-8>", ("es", "en"), "es", False)
    remember(tmp_path, raw, first)
    assert recall(tmp_path, raw) == first
    assert recall(tmp_path, raw.replace(b"K-8", b"K-6")) is None
    record = tmp_path / RECORD_FILENAME
    edited = record.read_text(encoding="ascii").replace("es,en", "fr,en")
    record.write_text(edited, encoding="ascii")
    assert recall(tmp_path, raw) is None  # a language the kiosk does not have: validate again
    record.write_text("garbage\n", encoding="ascii")
    assert recall(tmp_path, raw) is None


def test_a_cache_folder_that_cannot_be_written_costs_only_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="ascii")
    first = FirstFrame.defaults()
    with caplog.at_level(logging.WARNING, logger="kiosk.app"):
        remember(blocked, b"", first)
    assert recall(blocked, b"") is None
    assert "cannot remember the validated config" in caplog.text


def first_frame_window(app: QApplication, kiosk_mode: bool) -> KioskWindow:
    switcher = LanguageSwitcher()
    window = KioskWindow(
        Config().first_frame(), apply_theme(app, 1280, 800), switcher, kiosk_mode=kiosk_mode
    )
    switcher.setParent(window)
    window.resize(1280, 800)
    return window


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_taps_before_the_kiosk_is_complete_are_held_back(qapp: QApplication, qtbot: QtBot) -> None:
    window = first_frame_window(qapp, kiosk_mode=False)
    qtbot.addWidget(window)
    ratings: list[int] = []
    window.rated.connect(ratings.append)
    window.show()
    qtbot.waitExposed(window)
    face = window.welcome.faces[4]
    qtbot.mouseClick(face, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert ratings == [] and window.current() is window.welcome

    window.complete(Config(), check_pin=lambda pin: False)
    qtbot.mouseClick(face, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert ratings == [5] and window.current() is window.details


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_kiosk_mode_locks_a_window_that_is_already_shown(qapp: QApplication, qtbot: QtBot) -> None:
    window = first_frame_window(qapp, kiosk_mode=True)
    qtbot.addWidget(window)
    window.showFullScreen()
    qtbot.waitExposed(window)
    window.complete(Config(), check_pin=lambda pin: False)
    hints = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
    handle = window.windowHandle()
    assert handle is not None
    assert window.windowFlags() & hints == hints
    assert handle.flags() & hints == hints
    assert window.isVisible() and window.isFullScreen()


def test_qt_messages_before_the_log_file_wait_for_it(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="qt"):
        messages = QtMessages(hold=True)
        qWarning("held for the log file")
        assert "held for the log file" not in caplog.text
        messages.release()
        assert "held for the log file" in caplog.text
        qWarning("straight to the log file")
        assert "straight to the log file" in caplog.text


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)])
def test_the_first_frame_is_the_welcome_screen_the_visitor_then_uses(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, size: tuple[int, int]
) -> None:
    """What the stylesheet sets for the first frame (kiosk.ui.widgets) matches what the code
    sets once the kiosk is complete: not a pixel moves."""
    from kiosk.shell.app import wire_window
    from kiosk.shell.launch import first_frame

    config = Config(school_name="Escuela Roosevelt", default_language="es")
    window = first_frame(qapp, config.first_frame(), size, windowed=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    before = window.grab().toImage()
    wire_window(window, config, data_dir)
    qapp.processEvents()
    assert window.welcome.question.text() == "¿Cómo fue su visita hoy?"
    assert window.grab().toImage() == before
    welcome = window.welcome
    for text in (welcome.question, welcome.hint):
        assert text.alignment() == Qt.AlignmentFlag.AlignCenter
        assert text.textFormat() == Qt.TextFormat.PlainText
    for face in welcome.faces:
        assert face.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        assert face.focusPolicy() == Qt.FocusPolicy.StrongFocus
    window.switcher.set_language("en")  # the translator is the app's: leave it English


def test_the_rest_starts_even_if_no_frame_is_ever_painted(qapp: QApplication, qtbot: QtBot) -> None:
    """A display that is off may never paint Welcome: sync and the store must start anyway."""
    from PySide6.QtWidgets import QWidget

    from kiosk.shell.launch import FINISH_WITHOUT_PAINT_MS, FirstPaint

    hidden = QWidget()
    qtbot.addWidget(hidden)
    calls: list[str] = []
    watcher = FirstPaint(hidden, lambda: calls.append("finished"))
    qtbot.waitUntil(lambda: calls == ["finished"], timeout=FINISH_WITHOUT_PAINT_MS + 2000)
    assert watcher.painted_at is None
    qtbot.wait(50)
    assert calls == ["finished"]  # once only
