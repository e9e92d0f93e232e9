"""What went well and what could be better, as chips from the config.

The group the rating points to comes first: "What could be better?" after Bad or Very bad,
"What went well?" otherwise.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.config import Choice
from kiosk.ui.widgets import StepScreen, chip_button, label


class ChipGroup(QWidget):
    """A titled column of toggle chips."""

    def __init__(self, choices: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.title = label("GroupTitle")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(6)  # six chips and the chosen face fit 1280x800
        for i, choice in enumerate(choices):
            b = chip_button()
            self.buttons[choice.id] = b
            grid.addWidget(b, i, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addStretch(1)

    def selected(self) -> list[str]:
        return [cid for cid, b in self.buttons.items() if b.isChecked()]

    def clear(self) -> None:
        for b in self.buttons.values():
            b.setChecked(False)

    def relabel(self, language: str) -> None:
        for choice in self.choices:
            self.buttons[choice.id].setText(choice.label(language))


class DetailsScreen(StepScreen):
    def __init__(
        self,
        went_well: list[Choice],
        could_improve: list[Choice],
        step: int,
        steps: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(step, steps, parent)
        self.language = "en"
        self.went_well = ChipGroup(went_well)
        self.could_improve = ChipGroup(could_improve)
        self.order = [self.went_well, self.could_improve]
        self.row = QHBoxLayout()
        self.row.setSpacing(48)
        self.content.addLayout(self.row)
        self.set_rating(None)
        for b in [*self.went_well.buttons.values(), *self.could_improve.buttons.values()]:
            b.toggled.connect(self.update_next_label)
        self.retranslate()

    def groups(self) -> list[ChipGroup]:
        """The two groups in the order they are shown."""
        return list(self.order)

    def set_rating(self, rating: int | None) -> None:
        order = [self.went_well, self.could_improve]
        if rating is not None and rating <= 2:
            order.reverse()
        for group in order:
            self.row.removeWidget(group)
        for group in order:
            self.row.addWidget(group, 1)
        self.order = order
        # Tab follows the order on screen: the first group's chips, then the second's.
        chips = [b for group in order for b in group.buttons.values()]
        chain = [self.chosen_face, *chips, self.back_button, self.done_button, self.next_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def has_input(self) -> bool:
        return bool(self.went_well.selected() or self.could_improve.selected())

    def values(self) -> dict[str, object]:
        return {
            "went_well": self.went_well.selected(),
            "could_improve": self.could_improve.selected(),
        }

    def reset(self) -> None:
        self.went_well.clear()
        self.could_improve.clear()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Tell us a little more"))
        self.hint.setText(self.tr("Choose any that fit. You can pick more than one."))
        self.went_well.title.setText(self.tr("What went well?"))
        self.could_improve.title.setText(self.tr("What could be better?"))
        self.went_well.relabel(self.language)
        self.could_improve.relabel(self.language)
