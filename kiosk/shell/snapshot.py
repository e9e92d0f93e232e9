"""`kiosk snapshot`: every screen in every language, rendered offscreen to PNG files.

Visitor screens are `<screen>-<lang>.png`, with Welcome with reading aloud turned on also as
`welcome-speech-<lang>.png`, the idle warning over a step as `idle-warning-<lang>.png`,
Welcome's attract state as `attract-<lang>.png` and the question before closing as
`staff-close-<lang>.png`; the manager's, with a month of seeded cards,
`manager-<screen>-<lang>.png`, and the reports' export and print sheets
`manager-export-<lang>.png` and `manager-print-<lang>.png` (with a demo USB stick and
printers), the start's "Starting..." as `starting-<lang>.png`, and the screen `kiosk run` shows
for a wrong config file, each language first in turn, as `config-error-<lang>.png`. Each text
on a screen that does not fit its box is named (kiosk.ui.text_fit), with ``pseudo`` too: every
string 40% longer, to find tight places.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.config import Config
from kiosk.core.export_places import Place
from kiosk.core.speech import SpeechEngine
from kiosk.store.cards import CardStore
from kiosk.store.seed import seed_cards

if TYPE_CHECKING:  # Qt is imported inside, after the offscreen platform is chosen
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.ui.manager.area import ManagerArea
    from kiosk.ui.window import KioskWindow

DEMO_PRINTERS = ["Front office (HP LaserJet)", "Library (Brother)"]
PREVIEW_WAIT_SECONDS = 20

SAMPLE_COMMENT = {
    "en": "The staff at the front desk were very kind and helped me find my son's classroom.",
    "es": "El personal de la recepción fue muy amable y me ayudó a encontrar el salón de mi hijo.",
}


def seed_scratch(scratch: Path, config: Config) -> Callable[[], datetime]:
    """A month of made-up cards in ``scratch``, so the manager's screens show what a school
    would see; the clock they are seen at: 2:30 pm today, whatever the time now."""
    afternoon = datetime.now().astimezone().replace(hour=14, minute=30, second=0, microsecond=0)
    store = CardStore.in_dir(scratch)
    seed_cards(store, 1500, 30, lambda: afternoon, random.Random(7), config)
    store.close()
    return lambda: afternoon


def each_screen(
    app: QApplication, window: KioskWindow, language: str, scratch: Path
) -> Iterator[str]:
    """Shows every screen in turn in ``language``, filled in as a visitor would have it, and
    yields each one's name (``welcome``, ..., ``manager-today``, ...) while it is on screen."""
    from kiosk.ui.manager.area import SCREENS, ManagerArea

    config = window.config
    window.reset_to_welcome()
    window.switcher.set_language(language)
    scenes: dict[str, QWidget] = {
        "welcome": window.welcome,
        "details": window.details,
        "role": window.role,
        **({"resolution": window.resolution} if window.resolution is not None else {}),
        "comment": window.comment,
        "followup": window.followup,
        "thanks": window.thanks,
        "pin": window.pin,
        "staff": window.staff,
    }
    for step in window.steps:  # as after a tap on "Good": the first step confirms it
        step.chosen_face.set_rating(4)
    window.steps[0].chosen_face.confirm()
    window.details.went_well.buttons[config.went_well[0].id].setChecked(True)
    if window.resolution is not None:
        window.resolution.buttons["partly"].setChecked(True)
    window.role.buttons[config.roles[0].id].setChecked(True)
    window.comment.editor.setPlainText(SAMPLE_COMMENT.get(language, SAMPLE_COMMENT["en"]))
    window.followup.name.setText("María José Núñez")
    window.followup.phone.setText("555 201 7788")
    window.thanks.start(config.thanks_seconds, followup_requested=True)
    window.staff.manager_button.setVisible(True)
    for name, screen in scenes.items():
        window.stack.setCurrentWidget(screen)
        focus = getattr(screen, "focus_first", None)
        if callable(focus):
            focus()  # as when shown: the field typing goes into is marked
        app.processEvents()
        yield name
    window.request_exit()  # staff tapped "Close the kiosk": the question first
    app.processEvents()
    yield "staff-close"
    window.confirm_exit.hide()
    window.stack.setCurrentWidget(window.welcome)
    if window.speech.button.isVisible():
        window.speech.button.click()  # on, as a visitor's tap turns it on
        app.processEvents()
        yield "welcome-speech"
        window.speech.end_visit()
    # The attract state, its invitation in this language.
    window.stack.setCurrentWidget(window.welcome)
    window.attract.start(language)
    app.processEvents()
    yield "attract"
    window.attract.stop()
    # "Still there?" over a step, 12 seconds before the idle reset.
    window.stack.setCurrentWidget(window.details)
    window.show_idle_warning(12)
    app.processEvents()
    yield "idle-warning"
    window.hide_idle_warning()
    window.show_starting()  # as while the store is checked at start
    app.processEvents()
    yield "starting"
    window.end_starting()  # back to Welcome, in the default language
    window.switcher.set_language(language)
    window.manager_requested.emit()  # as after the PIN, from the staff menu
    manager = window.current()
    assert isinstance(manager, ManagerArea)
    for name in SCREENS:
        manager.show_screen(name)
        app.processEvents()
        yield f"manager-{name}"
    yield from _sheets(app, manager, scratch)


def render_all(
    config: Config,
    out: Path,
    size: tuple[int, int],
    pseudo: bool = False,
    report: Callable[[str], None] = print,
) -> list[Path]:
    """The PNG files written; ``report`` hears of each text that does not fit."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.shell.app import build_window
    from kiosk.ui.text_fit import cut_texts

    app = QApplication.instance() or QApplication(["kiosk-snapshot"])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-snapshot-") as scratch:
        clock = seed_scratch(Path(scratch), config)
        # The speaker button is shown as on a kiosk with voices; the silent engine says nothing.
        window, _session = build_window(
            app,
            config,
            Path(scratch),
            size,
            kiosk_mode=False,
            clock=clock,
            speech=SpeechEngine(),
            pseudo=pseudo,
        )
        window.resize(*size)
        window.show()
        window.activateWindow()  # focus, and the look of the focused field, as on the kiosk
        for language in config.languages:
            for name in each_screen(app, window, language, Path(scratch)):
                path = out / f"{name}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
                for cut in cut_texts(window):
                    report(f"cut: {path.stem}: {cut}")
        window.leave_kiosk()
        window.deleteLater()
        app.processEvents()
        for language in config.languages:
            screen = config_error_scene(app, Path(scratch), language, size)
            path = out / f"config-error-{language}.png"
            screen.grab().save(str(path))
            written.append(path)
            for cut in cut_texts(screen):
                report(f"cut: {path.stem}: {cut}")
            screen.deleteLater()
        app.processEvents()
    return written


def config_error_scene(
    app: QApplication, scratch: Path, language: str, size: tuple[int, int]
) -> QWidget:
    """`kiosk run`'s screen for a wrong config file, shown: a real one (a timeout too short),
    from a file whose default_language puts ``language`` first."""
    from kiosk.core.config import ConfigError, load_config
    from kiosk.shell.config_error import config_error_screen

    wrong = scratch / "config.toml"
    wrong.write_text(f'default_language = "{language}"\nidle_timeout_seconds = 5\n', "utf-8")
    try:
        load_config(wrong)
    except ConfigError as exc:
        error = exc
    else:  # pragma: no cover (the validator takes 5 s)
        raise AssertionError("idle_timeout_seconds = 5 was accepted")
    screen = config_error_screen(app, error, size)
    screen.resize(*size)
    screen.show()
    app.processEvents()
    return screen


def _sheets(app: QApplication, manager: ManagerArea, scratch: Path) -> Iterator[str]:
    """The export sheet with a demo USB stick beside Documents, the print sheet with demo
    printers and its preview of the first pages."""
    stick = scratch / "LINCOLN-USB"
    documents = scratch / "Documents"
    for folder in (stick, documents):
        folder.mkdir(exist_ok=True)
    free = shutil.disk_usage(scratch).free
    manager.export_sheet.find_places = lambda: [
        Place(stick, stick.name, min(free, 7_400_000_000), True, "/dev/sdb1"),
        Place(documents, documents.name, free, False),
    ]
    manager.print_sheet.list_printers = lambda: list(DEMO_PRINTERS)
    manager.show_screen("reports")
    manager.reports.open_export("pdf")
    app.processEvents()
    yield "manager-export"
    manager.export_sheet.close_sheet()
    first = manager.reports.first
    first.set_day(first.day - timedelta(days=6))  # a week: the preview shows two pages
    # The preview's days are read on a worker thread; its pictures arrive by signal, which
    # ends the wait (or the timeout does: the picture then shows "Preparing the preview...").
    from PySide6.QtCore import QEventLoop, QTimer

    wait = QEventLoop()
    manager.print_sheet.preview_shown.connect(wait.quit)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(wait.quit)
    timeout.start(PREVIEW_WAIT_SECONDS * 1000)
    manager.reports.open_print()
    wait.exec()
    timeout.stop()
    manager.print_sheet.preview_shown.disconnect(wait.quit)
    app.processEvents()
    yield "manager-print"
    manager.print_sheet.close_sheet()
