"""`kiosk snapshot`: every screen in every language, rendered offscreen to PNG files.

Visitor screens are `<screen>-<lang>.png` (Welcome with reading aloud turned on also as
`welcome-speech-<lang>.png`; the question before closing, `staff-close-<lang>.png`); the
manager's, with a month of seeded cards, `manager-<screen>-<lang>.png`, and the reports' export
and print sheets `manager-export-<lang>.png` and `manager-print-<lang>.png` (with a demo USB
stick and printers).
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.core.config import Config
from kiosk.core.export_places import Place
from kiosk.core.speech import SpeechEngine
from kiosk.store.cards import CardStore
from kiosk.store.seed import seed_cards

DEMO_PRINTERS = ["Front office (HP LaserJet)", "Library (Brother)"]
PREVIEW_WAIT_SECONDS = 20

SAMPLE_COMMENT = {
    "en": "The staff at the front desk were very kind and helped me find my son's classroom.",
    "es": "El personal de la recepción fue muy amable y me ayudó a encontrar el salón de mi hijo.",
}


def render_all(config: Config, out: Path, size: tuple[int, int]) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.shell.app import build_window
    from kiosk.ui.manager.area import SCREENS, ManagerArea

    app = QApplication.instance() or QApplication(["kiosk-snapshot"])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-snapshot-") as scratch:
        # A month of made-up cards, so the manager's screens show what a school would see.
        # The shots are taken at 2:30 pm on the day they are made, whatever the time now.
        afternoon = datetime.now().astimezone().replace(hour=14, minute=30, second=0)
        store = CardStore.in_dir(Path(scratch))
        seed_cards(store, 1500, 30, lambda: afternoon, random.Random(7), config)
        store.close()
        # The speaker button is shown as on a kiosk with voices; the silent engine says nothing.
        window, _session = build_window(
            app,
            config,
            Path(scratch),
            size,
            kiosk_mode=False,
            clock=lambda: afternoon,
            speech=SpeechEngine(),
        )
        window.resize(*size)
        window.show()
        window.activateWindow()  # focus, and the look of the focused field, as on the kiosk
        for language in config.languages:
            window.reset_to_welcome()
            window.switcher.set_language(language)
            scenes = {
                "welcome": window.welcome,
                "details": window.details,
                "role": window.role,
                "comment": window.comment,
                "followup": window.followup,
                "thanks": window.thanks,
                "pin": window.pin,
                "staff": window.staff,
            }
            window.details.went_well.buttons[config.went_well[0].id].setChecked(True)
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
                path = out / f"{name}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
            window.request_exit()  # staff tapped "Close the kiosk": the question first
            app.processEvents()
            path = out / f"staff-close-{language}.png"
            window.grab().save(str(path))
            written.append(path)
            window.confirm_exit.hide()
            window.stack.setCurrentWidget(window.welcome)
            if window.speech.button.isVisible():
                window.speech.button.click()  # on, as a visitor's tap turns it on
                app.processEvents()
                path = out / f"welcome-speech-{language}.png"
                window.grab().save(str(path))
                written.append(path)
                window.speech.end_visit()
            window.manager_requested.emit()  # as after the PIN, from the staff menu
            manager = window.current()
            assert isinstance(manager, ManagerArea)
            for name in SCREENS:
                manager.show_screen(name)
                app.processEvents()
                path = out / f"manager-{name}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
            written += _sheets(app, window, manager, Path(scratch), out, language)
        window.leave_kiosk()
        window.deleteLater()
        app.processEvents()
    return written


def _sheets(
    app: object, window: object, manager: object, scratch: Path, out: Path, language: str
) -> list[Path]:
    """The export sheet with a demo USB stick beside Documents, the print sheet with demo
    printers and its preview of the first pages."""
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.ui.manager.area import ManagerArea

    assert isinstance(app, QApplication) and isinstance(window, QWidget)
    assert isinstance(manager, ManagerArea)
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
    export = out / f"manager-export-{language}.png"
    window.grab().save(str(export))
    manager.export_sheet.close_sheet()
    first = manager.reports.first
    first.set_day(first.day - timedelta(days=6))  # a week: the preview shows two pages
    manager.reports.open_print()
    # The preview's days are read on a worker thread; its pictures arrive by signal.
    deadline = time.monotonic() + PREVIEW_WAIT_SECONDS
    while not manager.print_sheet.pages[0].isVisible() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    printing = out / f"manager-print-{language}.png"
    window.grab().save(str(printing))
    manager.print_sheet.close_sheet()
    return [export, printing]
