"""Step 2: who the visitor is (one choice, from the config's roles)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QWidget

from kiosk.config import Choice
from kiosk.ui.widgets import StepScreen, set_flag


class RoleScreen(StepScreen):
    def __init__(
        self, roles: list[Choice], step: int, steps: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(step, steps, parent)
        self.language = "en"
        self.roles = roles
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(16)
        for i, role in enumerate(roles):
            b = QPushButton()
            b.setCheckable(True)
            set_flag(b, "chip", True)
            self.group.addButton(b)
            self.buttons[role.id] = b
            grid.addWidget(b, i // 2, i % 2)
            b.toggled.connect(self.update_next_label)
        self.content.addLayout(grid)
        self.content.addStretch(1)
        self.retranslate()

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
        self.group.setExclusive(False)
        for b in self.buttons.values():
            b.setChecked(False)
        self.group.setExclusive(True)

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Who are you?"))
        self.hint.setText(self.tr("This helps us understand who we serve. It is optional."))
        for role in self.roles:
            self.buttons[role.id].setText(role.label(self.language))
