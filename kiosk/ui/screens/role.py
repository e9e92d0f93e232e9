"""Step 2: who the visitor is (one choice, from the config's roles)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.core.config import Choice
from kiosk.ui.widgets import StepScreen, chip_button


class RoleScreen(StepScreen):
    def __init__(
        self, roles: list[Choice], step: int, steps: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(step, steps, parent)
        self.language = "en"
        self.roles = roles
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, role in enumerate(roles):
            b = chip_button()
            self.buttons[role.id] = b
            grid.addWidget(b, i // 2, i % 2)
            b.toggled.connect(lambda on, rid=role.id: self._toggled(rid, on))
        self.content.addLayout(grid)
        self.content.addStretch(1)
        self.retranslate()

    def _toggled(self, role_id: str, on: bool) -> None:
        # One role at a time, kept by hand: an exclusive QButtonGroup would let Tab skip the
        # roles until one is chosen, and would not let a visitor take a choice back.
        if on:
            for other_id, b in self.buttons.items():
                if other_id != role_id:
                    b.setChecked(False)
        self.update_next_label()

    def selected(self) -> str | None:
        for role_id, b in self.buttons.items():
            if b.isChecked():
                return role_id
        return None

    def has_input(self) -> bool:
        return self.selected() is not None

    def values(self) -> dict[str, object]:
        return {"role": self.selected()}

    def reset(self) -> None:
        for b in self.buttons.values():
            b.setChecked(False)

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Who are you?"))
        self.hint.setText(self.tr("This helps us understand who we serve. It is optional."))
        for role in self.roles:
            self.buttons[role.id].setText(role.label(self.language))
