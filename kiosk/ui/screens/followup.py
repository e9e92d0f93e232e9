"""Step 4: a follow-up request, with contact details and explicit consent."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from kiosk.core.card import EMAIL_MAX, NAME_MAX, PHONE_MAX, Contact, ContactError, validate_contact
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.tick_box import TickBox
from kiosk.ui.widgets import StepScreen, label, set_flag


class FollowupScreen(StepScreen):
    def __init__(self, compact: bool, step: int, steps: int, parent: QWidget | None = None) -> None:
        super().__init__(step, steps, parent)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.phone = QLineEdit()
        self.phone.setMaxLength(PHONE_MAX)
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.email.setMaxLength(EMAIL_MAX)
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.fields = {"name": self.name, "phone": self.phone, "email": self.email}
        self.labels = {key: label("Body", wrap=False) for key in self.fields}
        self.consent = TickBox()
        self.consent.setObjectName("Consent")
        self.error = label("ErrorText")
        self.error.hide()
        self.keyboard = OnScreenKeyboard(compact)
        self.keyboard.set_target(self.name)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        if compact:  # portrait: one field a row, there is height to spare
            for row, key in enumerate(("name", "phone", "email")):
                grid.addWidget(self.labels[key], row, 0)
                grid.addWidget(self.fields[key], row, 1)
        else:  # landscape: one row, labels beside their fields; the keyboard needs the height
            for col, key in enumerate(("name", "phone", "email")):
                grid.addWidget(self.labels[key], 0, 2 * col)
                grid.addWidget(self.fields[key], 0, 2 * col + 1)
            grid.setColumnStretch(1, 3)
            grid.setColumnStretch(3, 2)
            grid.setColumnStretch(5, 3)
        self.content.addLayout(grid)
        self.content.addWidget(self.consent)
        self.content.addWidget(self.error)
        self.content.addWidget(self.keyboard)
        self.content.addStretch(1)
        for field in self.fields.values():
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            field.textChanged.connect(self._edited)
            field.installEventFilter(self)
        self.consent.toggled.connect(self._edited)
        self.keyboard.enter_pressed.connect(self._next_field)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The on-screen keyboard types into whichever field the visitor touched last.
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.FocusIn:
            self.keyboard.set_target(watched)
        return False

    def focus_first(self) -> None:
        """The field the keyboard types into has the focus: its caret and highlight show
        where typing goes before the first key."""
        target = self.keyboard.target
        (target if isinstance(target, QLineEdit) else self.name).setFocus()

    def _next_field(self) -> None:
        order = [self.name, self.phone, self.email]
        target = self.keyboard.target
        if target in order and order.index(target) < 2:
            order[order.index(target) + 1].setFocus()

    def _edited(self) -> None:
        self.error.clear()
        self.error.hide()
        for field in self.fields.values():
            set_flag(field, "invalid", False)
        self.update_next_label()

    def has_input(self) -> bool:
        return any(f.text().strip() for f in self.fields.values()) or self.consent.isChecked()

    def values(self) -> dict[str, object]:
        return {}  # only a validated request is saved, through contact()

    def contact(self) -> Contact | None:
        """The validated request, None when the visitor left it empty; shows what to fix."""
        if not self.has_input():
            return None
        try:
            return validate_contact(
                self.name.text(), self.phone.text(), self.email.text(), self.consent.isChecked()
            )
        except ContactError as exc:
            self._show_error(exc)
            raise

    def _show_error(self, exc: ContactError) -> None:
        messages = {
            ("name", "missing"): self.tr("Please enter your name."),
            ("phone", "missing"): self.tr("Please enter a phone number or an email address."),
            ("phone", "invalid"): self.tr("That phone number does not look right."),
            ("email", "invalid"): self.tr("That email address does not look right."),
            ("consent", "consent"): self.tr("Please tick the box so we may contact you."),
        }
        self.error.setText(messages[(exc.field, exc.reason)])
        self.error.show()
        field = self.fields.get(exc.field)
        if field is not None:
            set_flag(field, "invalid", True)
            field.setFocus()
        else:
            self.consent.setFocus()

    def reset(self) -> None:
        for field in self.fields.values():
            field.clear()
        self.consent.setChecked(False)
        self.error.clear()
        self.error.hide()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Would you like someone to contact you?"))
        self.hint.setText(self.tr("Leave this empty if you do not need an answer."))
        self.labels["name"].setText(self.tr("Name"))
        self.labels["phone"].setText(self.tr("Phone"))
        self.labels["email"].setText(self.tr("Email"))
        self.consent.setText(self.tr("I agree that school staff may contact me about this visit."))

    def done_labels(self) -> tuple[str, str]:
        # The last step: "Send" once there is a request to send, "Done" otherwise.
        return self.tr("Send"), self.tr("Done")
