"""Reading aloud for one visit: the speaker button and what the kiosk says (Section 508).

The visitor turns it on with the speaker button in the header; the next visitor starts with
it off. While it is on the kiosk reads each screen as it appears (title, question, choices,
buttons), again when the language changes (in the new language's voice), the control that
takes the focus by Tab, and, as phones' screen readers do, a touch on a control reads it: the
first touch on a control only reads it, a second one on the same control uses it. The speaker
button itself always toggles at the first touch, so nobody is stuck with a talking kiosk.

The words come from the widgets themselves, walked in their layouts' order (the reading
order), so a screen needs nothing of its own to be read. The engine (kiosk.core.speech) speaks
off the GUI thread and says when it falls silent (``quiet``, so the thank-you screen can wait
for its reading); staff screens are never read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from kiosk.core.config import LANGUAGE_NAMES
from kiosk.core.resources import asset
from kiosk.core.speech import SpeechEngine, join_sentences
from kiosk.ui import theme
from kiosk.ui.branding import accent_svg
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.qr import QrCodeWidget

_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
_CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit)
_TAB_REASONS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


def _control_at(widget: QWidget) -> QWidget | None:
    """The control a touch on ``widget`` lands on (the widget, or a control holding it)."""
    w: QWidget | None = widget
    while w is not None:
        if isinstance(w, _CONTROLS) and w.isEnabled():
            return w
        w = w.parentWidget()
    return None


def _layout_widgets(layout: QLayout) -> Iterator[QWidget]:
    """The widgets of a layout and its nested layouts, in the order they were laid out."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        child_layout = item.layout()
        widget = item.widget()
        if widget is not None:
            yield widget
        elif child_layout is not None:
            yield from _layout_widgets(child_layout)


class SpeakerButton(QPushButton):
    """The header's speaker toggle: a speaker and "Listen", filled while it is on (checked)."""

    def __init__(self, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpeakerToggle")
        self.setCheckable(True)
        side = round(32 * scale)
        icon = QIcon()  # the speaker in the school's accent colour (kiosk.ui.branding)
        off = accent_svg(asset("speaker.svg"), theme.accent_colour, side * 2)
        icon.addPixmap(off, QIcon.Mode.Normal, QIcon.State.Off)
        icon.addFile(str(asset("speaker-on.svg")), QSize(), QIcon.Mode.Normal, QIcon.State.On)
        self.setIcon(icon)
        self.setIconSize(QSize(side, side))


class SpeechReader(QObject):
    """Reads the visitor's screens aloud while the speaker button is on (one visit)."""

    # The engine has said all it was given (or was cut short). Emitted from the engine's
    # worker thread, so it reaches the window's slots queued, on the GUI thread.
    quiet = Signal()

    def __init__(
        self,
        engine: SpeechEngine | None,
        stack: QStackedWidget,
        language: Callable[[], str],
        is_visitor_screen: Callable[[QWidget | None], bool],
        scale: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        if engine is not None:
            engine.on_quiet(self.quiet.emit)
        self.stack = stack
        self.language = language
        self.is_visitor_screen = is_visitor_screen
        self.on = False
        self.armed: QWidget | None = None  # the control a first touch read; a second uses it
        self._swallow_release = False
        self.button = SpeakerButton(scale)
        self.button.setVisible(engine is not None)
        self.button.clicked.connect(self._toggled)
        self.retranslate()
        stack.currentChanged.connect(lambda _index: self._screen_changed())

    # --- what the visitor turns on and off ---------------------------------------------------

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.on = True
            intro = self.tr(
                "Reading aloud is on. Touch a button once to hear it, and again to choose it."
            )
            self.say(intro)
            self.say(join_sentences(self.screen_words()), interrupt=False)  # then the screen
        else:
            self.say(self.tr("Reading aloud is off."))
            self.on = False
        self.armed = None
        self._show_state()

    def end_visit(self) -> None:
        """The visit is over (Done, idle, staff): silence, and the button off for the next."""
        if self.engine is not None and self.on:
            self.engine.stop()
        self.on = False
        self.armed = None
        self.button.setChecked(False)
        self._show_state()

    def _show_state(self) -> None:
        self.button.setAccessibleDescription(
            self.tr("Reading aloud is on.") if self.on else self.tr("Reading aloud is off.")
        )

    def retranslate(self) -> None:
        self.button.setText(self.tr("Listen"))
        self.button.setAccessibleName(self.tr("Listen"))
        self._show_state()

    # --- when the kiosk speaks ---------------------------------------------------------------

    def active(self) -> bool:
        return self.on and self.engine is not None and self.is_visitor_screen(self.current())

    def speaking(self) -> bool:
        """Is the visitor, who turned reading aloud on, still hearing something?"""
        return self.on and self.engine is not None and self.engine.speaking()

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def say(self, text: str, language: str | None = None, interrupt: bool = True) -> None:
        if self.engine is not None:
            self.engine.say(text, language or self.language(), interrupt)

    def _screen_changed(self) -> None:
        self.armed = None
        # Staff screens have no speaker button and are never read (a PIN is typed there).
        visitors = self.is_visitor_screen(self.current())
        self.button.setVisible(self.engine is not None and visitors)
        if not visitors:
            self.end_visit()
        elif self.active():
            self.say(join_sentences(self.screen_words()))

    def language_changed(self) -> None:
        """The visitor switched language: the screen again, in the new language's voice."""
        self.retranslate()
        self._screen_changed()

    def focus_moved(self, widget: QWidget) -> None:
        """A control took the focus by Tab or Shift+Tab: say what it is."""
        if self.active():
            self.armed = widget
            self._say_control(widget)

    def _say_control(self, widget: QWidget) -> None:
        text, language = self.describe(widget)
        self.say(text, language)

    def intercept(self, watched: QObject, event: QEvent) -> bool:
        """A touch while reading is on: the first on a control reads it and goes no further
        (True: swallow it), the second on the same control goes through and uses it."""
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            by_tab = isinstance(event, QFocusEvent) and event.reason() in _TAB_REASONS
            if by_tab and isinstance(watched, QWidget):
                self.focus_moved(watched)
            return False
        if kind == QEvent.Type.MouseButtonRelease and self._swallow_release:
            self._swallow_release = False
            return True
        if kind not in _PRESSES or not self.active() or not isinstance(watched, QWidget):
            return False
        control = _control_at(watched)
        if control is None or control is self.button:
            return False
        if control is self.armed:
            if isinstance(control, QAbstractButton) and control.isCheckable():
                screen = self.current()
                # Say the new state once the tap has toggled it, unless it led to a new screen.
                QTimer.singleShot(0, self, lambda: self._after_toggle(control, screen))
            return False
        self.armed = control
        self._swallow_release = True
        # The focus ring shows what is being read (not by Tab: it is not read twice); a key of
        # the on-screen keyboard never takes the focus from the field it types into.
        if control.focusPolicy() != Qt.FocusPolicy.NoFocus:
            control.setFocus(Qt.FocusReason.OtherFocusReason)
        self._say_control(control)
        return True

    def _after_toggle(self, control: QWidget, screen: QWidget | None) -> None:
        if self.active() and self.current() is screen and control.isVisible():
            self._say_control(control)

    # --- the words ---------------------------------------------------------------------------

    def describe(self, widget: QWidget, touched: bool = True) -> tuple[str, str]:
        """What a control is, as the kiosk says it, and in which language. Read as part of a
        screen (``touched=False``), a choice says only that it is selected, if it is."""
        language = self.language()
        if widget is self.button:
            return join_sentences(
                [self.tr("Listen"), self.button.accessibleDescription()]
            ), language
        if isinstance(widget, QAbstractButton):
            text = widget.accessibleName() or widget.text()
            if text in LANGUAGE_NAMES.values():
                # The language switch names the other language in that language: say it so.
                other = next(code for code, name in LANGUAGE_NAMES.items() if name == text)
                return join_sentences([text]), other
            if isinstance(widget, QCheckBox):
                state = self.tr("ticked") if widget.isChecked() else self.tr("not ticked")
                return join_sentences([f"{text}, {state}"]), language
            if widget.isChecked():
                state = self.tr("selected")
                return join_sentences([f"{text}, {state}"]), language
            if widget.isCheckable() and touched:
                state = self.tr("not selected")
                return join_sentences([f"{text}, {state}"]), language
            return join_sentences([text]), language
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            name = widget.accessibleName() or self._field_label(widget) or widget.placeholderText()
            kind = self.tr("text field")
            return join_sentences([f"{name}, {kind}"]), language
        return join_sentences(self._words(widget)), language

    def _field_label(self, field: QWidget) -> str:
        """The label laid out just before a text field (its visible name)."""
        parent = field.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is None:
            return ""
        before: QWidget | None = None
        for widget in _layout_widgets(layout):
            if widget is field:
                return before.text() if isinstance(before, QLabel) else ""
            before = widget
        return ""

    def screen_words(self) -> list[str]:
        screen = self.current()
        return self._words(screen) if screen is not None else []

    def _words(self, widget: QWidget) -> list[str]:
        """Everything a widget shows, in reading order: labels, then controls as described."""
        layout = widget.layout()
        if layout is None:
            return []
        words: list[str] = []
        for child in _layout_widgets(layout):
            if not child.isVisibleTo(widget) or isinstance(child, OnScreenKeyboard | QrCodeWidget):
                continue  # the keys are read one by one as they are touched
            if isinstance(child, QLabel):
                words.append(child.text())
            elif isinstance(child, QLineEdit | QPlainTextEdit):
                words.append(self.tr("text field"))
            elif isinstance(child, _CONTROLS):
                words.append(self.describe(child, touched=False)[0])
            else:
                words.extend(self._words(child))
        return words
