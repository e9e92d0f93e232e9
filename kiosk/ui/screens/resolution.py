"""First-contact resolution: "Did you get what you came for today?" (Yes / Partly / Not yet).

One answer at a time, and it can be taken back; the card keeps one of RESOLUTIONS, or None.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.core.card import RESOLUTIONS
from kiosk.ui.widgets import StepScreen, chip_button


class ResolutionScreen(StepScreen):
    def __init__(self, narrow: bool, step: int, steps: int, parent: QWidget | None = None) -> None:
        super().__init__(step, steps, parent)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, answer in enumerate(RESOLUTIONS):
            b = chip_button()
            self.buttons[answer] = b
            grid.addWidget(b, i, 0) if narrow else grid.addWidget(b, 0, i)
            b.toggled.connect(lambda on, a=answer: self._toggled(a, on))
        self.content.addLayout(grid)
        self.content.addStretch(1)
        self.retranslate()

    def _toggled(self, answer: str, on: bool) -> None:
        if on:  # one answer at a time, kept by hand as on the role step
            for other, b in self.buttons.items():
                if other != answer:
                    b.setChecked(False)
        self.update_next_label()

    def selected(self) -> str | None:
        return next((a for a, b in self.buttons.items() if b.isChecked()), None)

    def has_input(self) -> bool:
        return self.selected() is not None

    def values(self) -> dict[str, object]:
        return {"resolution": self.selected()}

    def reset(self) -> None:
        for b in self.buttons.values():
            b.setChecked(False)

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Did you get what you came for today?"))
        self.hint.setText(self.tr("Choose one. It is optional."))
        labels = {"yes": self.tr("Yes"), "partly": self.tr("Partly"), "not_yet": self.tr("Not yet")}
        for answer, b in self.buttons.items():
            b.setText(labels[answer])
