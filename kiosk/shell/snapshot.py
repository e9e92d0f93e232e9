"""`kiosk snapshot`: every screen in every language, rendered offscreen to PNG files.

Visitor screens are `<screen>-<lang>.png`, with Welcome with reading aloud turned on also as
`welcome-speech-<lang>.png`, the idle warning over a step as `idle-warning-<lang>.png` and
Welcome's attract state as `attract-<lang>.png`; the manager's, with a month of seeded cards,
`manager-<screen>-<lang>.png`.
"""

from __future__ import annotations

import os
import random
import tempfile
from datetime import datetime
from pathlib import Path

from kiosk.core.config import Config
from kiosk.core.speech import SpeechEngine
from kiosk.store.cards import CardStore
from kiosk.store.seed import seed_cards

SAMPLE_COMMENT = {
    "en": "The staff at the front desk were very kind and helped me find my son's classroom.",
    "es": "El personal de la recepción fue muy amable y me ayudó a encontrar el salón de mi hijo.",
}


def render_all(config: Config, out: Path, size: tuple[int, int]) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

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
        for language in config.languages:
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
                app.processEvents()
                path = out / f"{name}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
            window.stack.setCurrentWidget(window.welcome)
            if window.speech.button.isVisible():
                window.speech.button.click()  # on, as a visitor's tap turns it on
                app.processEvents()
                path = out / f"welcome-speech-{language}.png"
                window.grab().save(str(path))
                written.append(path)
                window.speech.end_visit()
            # The attract state, its invitation in this language.
            window.stack.setCurrentWidget(window.welcome)
            window.attract.start(language)
            app.processEvents()
            path = out / f"attract-{language}.png"
            window.grab().save(str(path))
            written.append(path)
            window.attract.stop()
            # "Still there?" over a step, 12 seconds before the idle reset.
            window.stack.setCurrentWidget(window.details)
            window.show_idle_warning(12)
            app.processEvents()
            path = out / f"idle-warning-{language}.png"
            window.grab().save(str(path))
            written.append(path)
            window.hide_idle_warning()
            window.manager_requested.emit()  # as after the PIN, from the staff menu
            manager = window.current()
            assert isinstance(manager, ManagerArea)
            for name in SCREENS:
                manager.show_screen(name)
                app.processEvents()
                path = out / f"manager-{name}-{language}.png"
                window.grab().save(str(path))
                written.append(path)
        window.leave_kiosk()
        window.deleteLater()
        app.processEvents()
    return written
