"""Building blocks shared by the visitor screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a property change, if the widget has been styled yet.

    A widget not yet polished picks its properties up when it is first shown; polishing it at
    construction ran the style sheet twice for every chip and keyboard key (a third of the
    kiosk's start-up work).
    """
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def set_role(button: QPushButton, role: str) -> None:
    """Style hook for QSS (``QPushButton[role="primary"]``); re-polish so a change shows."""
    button.setProperty("role", role)
    _repolish(button)


def set_flag(widget: QWidget, name: str, on: bool) -> None:
    widget.setProperty(name, on)
    _repolish(widget)


def chip_button() -> QPushButton:
    """A toggle a visitor taps to choose (a chip or a role), styled by ``[chip="true"]``."""
    b = QPushButton()
    b.setCheckable(True)
    set_flag(b, "chip", True)
    return b


def label(object_name: str, wrap: bool = True) -> QLabel:
    """A styled label of plain text (never rich text: it may show what a config or a visitor
    wrote)."""
    lab = QLabel()
    lab.setObjectName(object_name)
    lab.setWordWrap(wrap)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    return lab


class Retranslatable(QWidget):
    """A widget that refreshes its visible text whenever the application language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


class StepScreen(Retranslatable):
    """One optional step after the rating: title, progress, content, then Back / Done / Next.

    The buttons sit in the same places on every step. Next reads "Skip" until the visitor
    has given something, so skipping is always one obvious tap.
    """

    back_requested = Signal()
    next_requested = Signal()
    done_requested = Signal()

    def __init__(self, step: int, steps: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        # The screen itself takes focus when shown: no focus ring until Tab is used.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.step, self.steps = step, steps
        self.progress = label("StepIndicator")
        self.title = label("ScreenTitle")
        self.hint = label("Hint")
        self.content = QVBoxLayout()
        self.back_button = QPushButton()
        self.back_button.setObjectName("BackButton")
        self.done_button = QPushButton()
        self.done_button.setObjectName("DoneButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("NextButton")
        self.is_last = step == steps
        set_role(self.done_button, "primary" if self.is_last else "secondary")
        set_role(self.next_button, "primary")
        self.next_button.setVisible(not self.is_last)
        self.back_button.clicked.connect(self.back_requested)
        self.done_button.clicked.connect(self.done_requested)
        self.next_button.clicked.connect(self.next_requested)

        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.done_button)
        nav.addWidget(self.next_button)
        for b in (self.back_button, self.done_button, self.next_button):
            b.setMinimumWidth(200)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        self.outer = outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 12, 40, 20)
        outer.setSpacing(10)
        outer.addLayout(top)
        outer.addWidget(self.hint)
        outer.addLayout(self.content, 1)
        outer.addLayout(nav)

    def has_input(self) -> bool:
        return False

    def values(self) -> dict[str, object]:
        """The card fields this step gave, saved when the visitor leaves it."""
        return {}

    def reset(self) -> None:
        raise NotImplementedError

    def update_next_label(self) -> None:
        self.next_button.setText(self.tr("Next") if self.has_input() else self.tr("Skip"))

    def retranslate(self) -> None:
        self.progress.setText(
            self.tr("Step {step} of {steps}").format(step=self.step, steps=self.steps)
        )
        self.back_button.setText(self.tr("Back"))
        self.done_button.setText(self.tr("Done"))
        self.update_next_label()
