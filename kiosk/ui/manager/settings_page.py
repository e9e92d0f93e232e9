"""The settings the office manager may change: PIN, idle timeout, default language, retention.

IT's config file stays untouched; an empty idle timeout hands the value back to IT's setting.
When the machine stops the store, the page says so under the form and keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIntValidator, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.config import LANGUAGE_NAMES, Config
from kiosk.core.pin import PIN_MAX, PIN_MIN
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.manager_settings import (
    IDLE_RANGE,
    RETENTION_RANGE,
    EffectiveSettings,
    ManagerSettings,
    SettingsChange,
    SettingsError,
    effective_settings,
)
from kiosk.ui.manager.widgets import button, label
from kiosk.ui.store_problem import problem_text


class SettingsPage(QWidget):
    saved = Signal(object)  # EffectiveSettings after a successful save
    exit_requested = Signal()

    def __init__(
        self, settings: ManagerSettings, config: Config, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsPage")
        self.settings = settings
        self.config = config
        self.title = label("PageTitle")
        self.pin_label, self.repeat_label, self.idle_label = (label("FieldLabel") for _ in range(3))
        self.language_label, self.retention_label = label("FieldLabel"), label("FieldLabel")
        self.pin = self._line(password=True)
        self.repeat = self._line(password=True)
        self.idle = self._line()
        self.idle.setValidator(QIntValidator(0, 99999, self.idle))
        self.retention = self._line()
        self.retention.setValidator(QIntValidator(0, 99999, self.retention))
        self.languages = QButtonGroup(self)
        language_box = QWidget()
        language_row = QHBoxLayout(language_box)
        language_row.setContentsMargins(0, 0, 0, 0)
        for code in config.languages:
            choice = button("LanguageChoice")
            choice.setCheckable(True)
            choice.setText(LANGUAGE_NAMES[code])  # each language's own name, never translated
            choice.setProperty("language", code)
            self.languages.addButton(choice)
            language_row.addWidget(choice)
        language_row.addStretch(1)
        self.error = label("ErrorText")
        self.error.hide()
        self.status = label("StatusText")
        self.save = button("PrimaryButton")
        self.quit = button("DangerButton")

        form = QGridLayout()
        rows = (
            (self.pin_label, self.pin),
            (self.repeat_label, self.repeat),
            (self.idle_label, self.idle),
            (self.language_label, language_box),
            (self.retention_label, self.retention),
        )
        for i, (caption, field) in enumerate(rows):
            form.addWidget(caption, i, 0)
            form.addWidget(field, i, 1)
        form.setColumnStretch(1, 1)
        # Saving at one end, quitting at the other; on a screen too narrow for both labels
        # (Spanish, portrait) each on a row of its own (see resizeEvent).
        self.action_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.action_row.setSpacing(32)
        self.action_row.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        self.action_row.addStretch(1)
        self.action_row.addWidget(self.quit, 0, Qt.AlignmentFlag.AlignLeft)
        self.page_layout = page = QVBoxLayout(self)
        page.addWidget(self.title)
        page.addLayout(form)
        page.addWidget(self.error)
        page.addWidget(self.status)
        page.addStretch(1)
        page.addLayout(self.action_row)

        self.save.clicked.connect(self.submit)
        self.quit.clicked.connect(self.exit_requested)
        self.load()
        self.retranslate()

    @staticmethod
    def _line(password: bool = False) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName("SettingField")
        # Every setting here is a number: the built-in keyboard opens as a phone pad.
        line.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        if password:
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setMaxLength(PIN_MAX)
        return line

    def load(self) -> EffectiveSettings | None:
        """Show what is in force now, and return it (None, said on the page, when the store
        cannot be read); the PIN fields stay empty (a PIN is never shown)."""
        try:
            overrides = self.settings.overrides()
        except StoreEnvironmentError as exc:
            text = self.tr("Error: the settings cannot be read. {problem}")
            self.show_error(text.format(problem=problem_text(exc.problem)))
            return None
        now = effective_settings(self.config, overrides)
        self.pin.clear()
        self.repeat.clear()
        self.idle.setText(
            str(now.idle_timeout_seconds) if "idle_timeout_seconds" in overrides else ""
        )
        self.retention.setText(str(now.contact_retention_days))
        for choice in self.languages.buttons():
            choice.setChecked(choice.property("language") == now.default_language)
        return now

    def submit(self) -> None:
        checked = self.languages.checkedButton()
        change = SettingsChange(
            new_pin=self.pin.text(),
            repeat_pin=self.repeat.text(),
            idle_timeout=self.idle.text(),
            default_language=checked.property("language") if checked else None,
            retention_days=self.retention.text(),
        )
        try:
            changed = self.settings.save(change, self.config)
        except SettingsError as exc:
            self.show_error(self._explain(exc))
            return
        except StoreEnvironmentError as exc:
            text = self.tr("Error: the settings were not saved. {problem}")
            self.show_error(text.format(problem=problem_text(exc.problem)))
            return
        self.error.hide()
        effective = self.load()
        if effective is None:
            return
        self.status.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))
        self.saved.emit(effective)

    def show_error(self, text: str) -> None:
        self.status.clear()
        self.error.setText(text)
        self.error.show()

    def _explain(self, exc: SettingsError) -> str:
        if exc.reason == "pin_format":
            text = self.tr("The new PIN must be {low} to {high} digits.").format(
                low=PIN_MIN, high=PIN_MAX
            )
        elif exc.reason == "pin_mismatch":
            text = self.tr("The two PINs are not the same.")
        elif exc.field == "idle_timeout":
            text = self.tr("The idle timeout must be a number of seconds from {low} to {high}.")
            text = text.format(low=IDLE_RANGE[0], high=IDLE_RANGE[1])
        elif exc.field == "retention_days":
            text = self.tr("Keep contact details for {low} to {high} days.").format(
                low=RETENTION_RANGE[0], high=RETENTION_RANGE[1]
            )
        else:
            text = self.tr("Choose a language.")
        return self.tr("Error: {problem}").format(problem=text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.pin_label.setText(self.tr("New PIN"))
        self.repeat_label.setText(self.tr("New PIN again"))
        self.pin.setPlaceholderText(self.tr("Leave empty to keep the PIN"))
        self.idle_label.setText(self.tr("Back to welcome after (seconds)"))
        self.idle.setPlaceholderText(
            self.tr("Empty: IT's setting, {seconds}").format(
                seconds=self.config.idle_timeout_seconds
            )
        )
        self.language_label.setText(self.tr("Language the kiosk starts in"))
        self.retention_label.setText(self.tr("Remove contact details after (days)"))
        self.save.setText(self.tr("Save settings"))
        self.quit.setText(self.tr("Quit the kiosk app"))
        self._place_actions()  # the labels' widths changed with the language

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_actions()

    def _place_actions(self) -> None:
        margins = self.page_layout.contentsMargins()
        both = self.save.sizeHint().width() + self.quit.sizeHint().width() + 64
        fits = self.width() - margins.left() - margins.right() >= both
        direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if self.action_row.direction() != direction:
            self.action_row.setDirection(direction)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
