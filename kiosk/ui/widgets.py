"""Building blocks shared by the visitor screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.faces import ChosenFace


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


SLOT_MIN_WIDTH = 200


class SlotButton(QPushButton):
    """A button in a fixed-width slot, as wide as its widest label set in bold (a primary
    button's weight): it and its neighbours keep their place whichever label it shows.

    The width is its size hint under a fixed policy, not a fixed width: the stylesheet's
    min-width would undo that each time a role change re-polishes the button.
    """

    def __init__(self) -> None:
        super().__init__()
        self.width_for_labels = SLOT_MIN_WIDTH
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def fit_labels(self, labels: tuple[str, ...]) -> None:
        """Measure the slot for these labels (once per language, not at every change)."""
        self.ensurePolished()  # the stylesheet's font and padding, before measuring
        font = self.font()
        bold = QFont(font)
        bold.setBold(True)
        # What the style adds around the text (padding, border), from the plain hint.
        frame = super().sizeHint().width() - QFontMetrics(font).horizontalAdvance(self.text())
        widest = max(QFontMetrics(bold).horizontalAdvance(t) for t in labels)
        self.width_for_labels = max(SLOT_MIN_WIDTH, widest + frame)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self.width_for_labels, super().sizeHint().height())


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
    has given something, so skipping is always one obvious tap; but only a step with an answer
    has a primary (bold, filled) button: Next, or on the last step Send. Each button has a
    fixed-width slot as wide as its widest label, so nothing moves when a label changes.
    """

    back_requested = Signal()
    next_requested = Signal()
    done_requested = Signal()
    change_rating_requested = Signal()  # the chosen face in the header was tapped

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
        self.back_button = SlotButton()
        self.back_button.setObjectName("BackButton")
        self.done_button = SlotButton()
        self.done_button.setObjectName("DoneButton")
        self.next_button = SlotButton()
        self.next_button.setObjectName("NextButton")
        self.is_last = step == steps
        set_role(self.done_button, "secondary")
        set_role(self.next_button, "secondary")
        self.next_button.setVisible(not self.is_last)
        self.back_button.clicked.connect(self.back_requested)
        self.done_button.clicked.connect(self.done_requested)
        self.next_button.clicked.connect(self.next_requested)

        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.done_button)
        nav.addWidget(self.next_button)

        self.chosen_face = ChosenFace()
        self.chosen_face.clicked.connect(self.change_rating_requested)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.chosen_face, 0, Qt.AlignmentFlag.AlignTop)
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

    def next_labels(self) -> tuple[str, str]:
        """Next's label with an answer given, and without one."""
        return self.tr("Next"), self.tr("Skip")

    def done_labels(self) -> tuple[str, str]:
        """Done's label with an answer given, and without one."""
        return self.tr("Done"), self.tr("Done")

    def update_next_label(self) -> None:
        """Labels and roles as the answer stands: the step's one primary action, if any."""
        given = self.has_input()
        self.next_button.setText(self.next_labels()[0 if given else 1])
        self.done_button.setText(self.done_labels()[0 if given else 1])
        main = self.done_button if self.is_last else self.next_button
        if main.property("role") != ("primary" if given else "secondary"):
            set_role(main, "primary" if given else "secondary")

    def retranslate(self) -> None:
        self.progress.setText(
            self.tr("Step {step} of {steps}").format(step=self.step, steps=self.steps)
        )
        self.back_button.setText(self.tr("Back"))
        self.back_button.fit_labels((self.back_button.text(),))
        self.update_next_label()
        self.done_button.fit_labels(self.done_labels())
        self.next_button.fit_labels(self.next_labels())
