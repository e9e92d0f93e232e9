"""The kiosk window: header, the visitor's screens, timers and kiosk-mode guards.

It knows the order of the screens and nothing of storage: what the visitor gives leaves as
signals, which kiosk.shell.app connects to the store.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.card import ContactError
from kiosk.core.config import IDLE_MIN_SECONDS, IDLE_WARNING_SECONDS, LANGUAGE_NAMES, Config
from kiosk.core.speech import SpeechEngine, join_sentences
from kiosk.ui.attract import AttractView
from kiosk.ui.branding import logo_pixmap
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.idle_warning import IdleWarning
from kiosk.ui.screens.comment import CommentScreen
from kiosk.ui.screens.details import DetailsScreen
from kiosk.ui.screens.followup import FollowupScreen
from kiosk.ui.screens.resolution import ResolutionScreen
from kiosk.ui.screens.role import RoleScreen
from kiosk.ui.screens.staff import PinScreen, StaffMenu
from kiosk.ui.screens.starting import StartingScreen
from kiosk.ui.screens.thanks import ThanksScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.sheet import ConfirmSheet
from kiosk.ui.speech import SpeechReader
from kiosk.ui.theme import ScreenFit
from kiosk.ui.widgets import StepScreen, label

log = logging.getLogger("kiosk.ui")

SETTLE_SECONDS = 0.35  # taps this soon after a screen change belong to the previous screen
STAFF_IDLE_SECONDS = 180  # an unlocked staff screen locks itself after this long untouched
LONG_PRESS_MS = 3000  # the hidden staff gesture: hold the top-left corner this long
CORNER_PX = 120
STAFF_SHORTCUT = "Ctrl+Alt+Shift+M"
# While a visitor listens, the thank-you screen starts over once its reading has ended, but
# never later than this after it appeared: espeak-ng reads the longest thank-you (Spanish, not
# saved, with the survey's QR code) in 18 s.
THANKS_VOICE_CAP_SECONDS = 30

_POINTER_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchBegin,
}
_ACTIVITY_EVENTS = _POINTER_EVENTS | {QEvent.Type.KeyPress, QEvent.Type.TouchUpdate}


class KioskWindow(QWidget):
    rated = Signal(int)  # a face was tapped: a new card, or a new rating for the open one
    details_given = Signal(dict)  # card fields from a step, saved as the visitor moves on
    visit_finished = Signal()  # Done, Send or the idle timeout: the card is final
    language_chosen = Signal(str)
    exit_requested = Signal()
    manager_requested = Signal()

    def __init__(
        self,
        config: Config,
        fit: ScreenFit,
        switcher: LanguageSwitcher,
        kiosk_mode: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
        speech: SpeechEngine | None = None,
    ) -> None:
        """Every screen, from the validated config. The PIN keypad refuses every PIN until the
        wiring gives it the manager's (``self.pin.check_pin``). Without a ``speech`` engine
        (or with ``speech_button`` off) there is no speaker button."""
        super().__init__()
        self.setObjectName("KioskWindow")
        self.config = config
        self.fit = fit
        self.switcher = switcher
        self.kiosk_mode = kiosk_mode
        self.monotonic = monotonic
        self.allow_close = not kiosk_mode
        # Visits the card database refused, and whether they are kept safely elsewhere: staff
        # closing the kiosk hear of them first (set by the wiring).
        self.unsaved_visits: Callable[[], tuple[int, bool]] = lambda: (0, True)
        self.languages: list[str] = list(config.languages)
        self.visit_open = False
        self.staff_screens: list[QWidget] = []
        self.storage_problem = False  # the store refused the last save (shown to visitors)
        self.starting = False  # the card database is being checked: no faces, no taps yet
        self._header_buttons: list[QWidget] = []  # hidden while starting
        self.last_switch = -SETTLE_SECONDS
        self.idle_seconds: float = config.idle_timeout_seconds
        # The idle timeout runs on the injected clock from the last touch (or the last screen
        # change the kiosk made by itself); the timer only wakes the window to look at it.
        self.idle_since = monotonic()
        self.thanks_since = monotonic()  # when the thank-you screen appeared
        self.last_touch = monotonic()  # the attract state counts from the last real touch
        self.attract_seconds = config.attract_after_seconds
        scale = fit.scale
        self.default_language: str = config.default_language
        if kiosk_mode:
            # No title bar, no window controls, above everything else on the screen.
            self.setWindowFlags(
                self.windowFlags()
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )

        self.school = label("SchoolName", wrap=False)
        self.school.setText(config.school_name)
        # The school's logo, if the config names one, before its name.
        self.logo = QLabel()
        self.logo.setObjectName("SchoolLogo")
        self.logo.setAccessibleName(config.school_name)
        logo = logo_pixmap(config.logo, round(56 * scale), round(240 * scale))
        if logo is not None:
            self.logo.setPixmap(logo)
        self.logo.setVisible(logo is not None)
        self.language_button = QPushButton()
        self.language_button.setObjectName("LanguageToggle")
        self.language_button.setMinimumWidth(round(200 * scale))
        self.language_button.clicked.connect(self._toggle_language)
        self.language_button.setVisible(len(self.languages) > 1)
        header = QWidget()
        header.setObjectName("HeaderBar")
        header_row = QHBoxLayout(header)
        header_row.setContentsMargins(
            round(32 * scale), round(8 * scale), round(24 * scale), round(8 * scale)
        )
        header_row.addWidget(self.logo)
        header_row.addWidget(self.school, 1)
        header_row.addWidget(self.language_button)

        self.welcome = WelcomeScreen(fit, config.welcome_line)
        self.attract = AttractView(self.languages, switcher.translate)
        self.welcome.add_overlay(self.attract)
        # The optional resolution question, when IT keeps it on, comes before the comment: a
        # visitor who did not get what they came for can say why next.
        asks = config.ask_resolution
        steps = 5 if asks else 4
        self.details = DetailsScreen(config.went_well, config.could_improve, 1, steps)
        self.role = RoleScreen(config.roles, 2, steps)
        self.resolution = ResolutionScreen(fit.narrow, 3, steps) if asks else None
        self.comment = CommentScreen(config.comment_max_chars, fit.narrow, steps - 1, steps)
        self.followup = FollowupScreen(fit.narrow, steps, steps)
        self.steps: list[StepScreen] = [
            self.details,
            self.role,
            *([self.resolution] if self.resolution is not None else []),
            self.comment,
            self.followup,
        ]
        self.thanks = ThanksScreen(config.thanks_qr_url, fit.scale)
        thanks_logo = logo_pixmap(config.logo, round(120 * scale), round(480 * scale))
        self.thanks.set_logo(thanks_logo, config.school_name)
        if fit.narrow:
            for step in self.steps:
                step.outer.setContentsMargins(20, 12, 20, 20)
        self.pin = PinScreen(lambda _pin: False, monotonic)
        self.staff = StaffMenu()
        self.starting_screen = StartingScreen(monotonic)
        self.stack = QStackedWidget()
        screens = (self.welcome, *self.steps, self.thanks, self.pin, self.staff)
        for screen in (*screens, self.starting_screen):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.stack, 1)
        # Reading aloud for one visit (kiosk.ui.speech): its speaker button sits beside the
        # language switch, which it precedes in the Tab order.
        self.speech = SpeechReader(
            speech if config.speech_button else None,
            self.stack,
            lambda: self.switcher.language,
            self._is_visitor_screen,
            scale,
            self,
        )
        header_row.insertWidget(header_row.indexOf(self.language_button), self.speech.button)
        QWidget.setTabOrder(self.speech.button, self.language_button)
        self.idle_warning = IdleWarning(scale, self)
        self.idle_warning.continue_requested.connect(self._restart_idle)
        self._focus_before_warning: QWidget | None = None

        self.welcome.rated.connect(self._rated)
        for i, step in enumerate(self.steps):
            step.back_requested.connect(lambda i=i: self._step_back(i))
            step.next_requested.connect(lambda i=i: self._step_next(i))
            step.done_requested.connect(lambda i=i: self._step_done(i))
            step.change_rating_requested.connect(lambda i=i: self._change_rating(i))
        self.thanks.restart_requested.connect(self.reset_to_welcome)
        self.pin.unlocked.connect(lambda: self._show(self.staff))
        self.pin.cancelled.connect(self.reset_to_welcome)
        self.staff.back_requested.connect(self.reset_to_welcome)
        self.staff.exit_requested.connect(self.request_exit)
        self.confirm_exit = ConfirmSheet(self)
        self.confirm_exit.confirmed.connect(self.exit_requested)
        self.staff.manager_requested.connect(self.manager_requested)
        self.staff.manager_button.setVisible(False)
        QShortcut(QKeySequence(STAFF_SHORTCUT), self, self.open_staff_area)
        self.switcher.language_changed.connect(self._language_changed)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.check_idle)
        # The thank-you countdown runs on the injected clock; the timer only wakes the window
        # to look at it, as does the voice falling silent.
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setInterval(1000)
        self.thanks_timer.timeout.connect(self.check_thanks)
        self.speech.quiet.connect(self.check_thanks)
        self.long_press = QTimer(self)
        self.long_press.setSingleShot(True)
        self.long_press.setInterval(LONG_PRESS_MS)
        self.long_press.timeout.connect(self.open_staff_area)

        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._language_changed(self.switcher.language)
        self._restart_idle()

    # --- navigation -----------------------------------------------------------------------

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, screen: QWidget) -> None:
        if screen is not self.welcome:
            self.attract.stop()
        if screen is not self.thanks:
            self.thanks_timer.stop()  # its countdown must not pull staff out of their screens
        if screen is not self.stack.currentWidget():
            # Only a screen change: a visitor's first tap after start-up, or on a Welcome
            # that only went back to the default language, belongs to no previous screen.
            self.last_switch = self.monotonic()
        self.stack.setCurrentWidget(screen)
        focus = getattr(screen, "focus_first", None)
        if callable(focus):
            focus()
        else:
            screen.setFocus()
        self._restart_idle()

    def _rated(self, rating: int) -> None:
        self.rated.emit(rating)
        self.visit_open = True
        self.welcome.set_selected(rating)
        for step in self.steps:
            step.chosen_face.set_rating(rating)
        self.details.set_rating(rating)  # what the rating points to comes first
        self.steps[0].chosen_face.confirm()  # "Saved: Good", so a mis-tap is noticed
        self._show(self.steps[0])

    def _change_rating(self, index: int) -> None:
        """The chosen face in a step's header: back to the faces, the same card."""
        self._save(self.steps[index])
        self._show(self.welcome)

    def _save(self, step: StepScreen) -> None:
        self.details_given.emit(step.values())

    def _step_back(self, index: int) -> None:
        self._save(self.steps[index])
        self._show(self.steps[index - 1] if index > 0 else self.welcome)

    def _step_next(self, index: int) -> None:
        self._save(self.steps[index])
        self._show(self.steps[index + 1])

    def _step_done(self, index: int) -> None:
        step = self.steps[index]
        followup = False
        if step is self.followup:
            try:
                contact = self.followup.contact()
            except ContactError:
                return  # the screen shows what to fix
            if contact is not None:
                followup = True
                self.details_given.emit(
                    {
                        "followup_requested": True,
                        "contact_name": contact.name,
                        "contact_phone": contact.phone,
                        "contact_email": contact.email,
                    }
                )
        else:
            self._save(step)
        self._finish_visit()
        self.thanks.start(self.config.thanks_seconds, followup, saved=not self.storage_problem)
        self.thanks_since = self.monotonic()
        self._show(self.thanks)
        self.thanks_timer.start()

    def _finish_visit(self) -> None:
        if self.visit_open:
            self.visit_open = False
            self.visit_finished.emit()

    def check_thanks(self) -> None:
        """Look at the clock on the thank-you screen: count down, then start over; for a
        visitor who listens, once the voice has finished (THANKS_VOICE_CAP_SECONDS at most)."""
        if self.current() is not self.thanks:
            return
        shown = self.monotonic() - self.thanks_since
        left = math.ceil(self.config.thanks_seconds - shown)
        if left > 0:
            self.thanks.show_seconds(left)
        elif self.speech.speaking() and shown < THANKS_VOICE_CAP_SECONDS:
            self.thanks.show_waiting_for_voice()
        else:
            self.reset_to_welcome()

    def reset_to_welcome(self) -> None:
        """The next visitor's start: no card open, every step cleared, the default language."""
        self.confirm_exit.hide()  # a question staff left open must not greet the next visitor
        self.speech.end_visit()
        self._finish_visit()
        self.thanks_timer.stop()
        for step in self.steps:
            step.reset()
            step.chosen_face.end_confirmation()
            step.chosen_face.set_rating(None)
        self.pin.reset()
        self.welcome.set_selected(None)
        self.details.set_rating(None)
        self._choose_language(self.default_language)
        self._show(self.starting_screen if self.starting else self.welcome)

    def show_starting(self) -> None:
        """The card database is being checked (kiosk.shell.store_start): "Starting..." until
        ``end_starting``, every touch held back, no idle timeout, no staff area."""
        self.starting = True
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.starting_screen)
        # Nothing that looks tappable and is not: the header's buttons come with the faces.
        self._header_buttons = [
            b for b in (self.speech.button, self.language_button) if not b.isHidden()
        ]
        for button in self._header_buttons:
            button.hide()

    def end_starting(self) -> None:
        """The store is ready (or known not to be): the faces, for the first visitor."""
        if not self.starting:
            return
        self.starting = False
        for button in self._header_buttons:
            button.show()
        if self.starting_screen.shown_for() >= SETTLE_SECONDS:
            # A visitor may have tapped at "Starting...": that tap must not rate the face that
            # just took its place. One painted for a moment only (a small, sound file) was no
            # screen to aim at, as before the first frame.
            self.last_switch = self.monotonic()
        self.stack.setCurrentWidget(self.welcome)  # not a screen change for the settle guard
        self.reset_to_welcome()

    def _warns_before_idle(self) -> bool:
        """Is there anything an idle reset would end? Not on a Welcome with no visit open (it
        only goes back to the default language), nor on the thank-you screen's own countdown."""
        screen = self.current()
        if screen is self.thanks:
            return False
        return screen is not self.welcome or self.visit_open

    def idle_timeout(self) -> float:
        """Seconds untouched before the current screen starts over."""
        staff = self.current() in (self.pin, self.staff) or self.current() in self.staff_screens
        return max(self.idle_seconds, STAFF_IDLE_SECONDS) if staff else self.idle_seconds

    def check_idle(self) -> None:
        """Look at the clock: warn in the timeout's last seconds, start over at its end, and
        wake again when what is shown next changes."""
        if self.starting:
            return  # nothing to time out; end_starting restarts the clock
        left = self.idle_timeout() - (self.monotonic() - self.idle_since)
        if left <= 0:
            self._idle()
            return
        wait = left
        if self._warns_before_idle():
            if left <= IDLE_WARNING_SECONDS:
                shown = math.ceil(left)
                self.show_idle_warning(shown)
                wait = left - (shown - 1)  # when the countdown's number next changes
            else:
                wait = left - IDLE_WARNING_SECONDS
        elif self.current() is self.welcome and self.attract_seconds and self.attract.isHidden():
            attract_left = self.attract_seconds - (self.monotonic() - self.last_touch)
            if attract_left <= 0:
                log.info("attract state on")
                self.attract.start()
            else:
                wait = min(wait, attract_left)
        self.idle_timer.start(max(1, math.ceil(wait * 1000)))

    def show_idle_warning(self, seconds: int) -> None:
        warning = self.idle_warning
        warning.show_seconds(seconds)
        if not warning.isVisible():
            self._focus_before_warning = QApplication.focusWidget()
            warning.setGeometry(self.rect())
            warning.raise_()
            warning.show()
            warning.continue_button.setFocus()
            if self.speech.active():  # a visitor who listens hears the warning too
                self.speech.say(join_sentences(warning.words()))

    def hide_idle_warning(self) -> None:
        warning = self.idle_warning
        if warning.isVisible():
            warning.hide()
            focus = self._focus_before_warning
            self._focus_before_warning = None
            if focus is not None and focus.isVisible():
                focus.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.idle_warning.setGeometry(self.rect())
        super().resizeEvent(event)

    def _idle(self) -> None:
        self.hide_idle_warning()
        screen = self.current()
        if isinstance(screen, StepScreen) and screen is not self.followup:
            self._save(screen)  # what the visitor chose here counts, even without "Next"
        if screen is not self.welcome or self.visit_open:
            log.info("idle timeout on %s", type(screen).__name__)
        self.reset_to_welcome()

    def _restart_idle(self) -> None:
        self.idle_since = self.monotonic()
        self.hide_idle_warning()
        self.check_idle()

    def set_idle_seconds(self, seconds: float) -> None:
        # A manager's value saved before the warning raised the minimum still leaves the
        # warning its time.
        self.idle_seconds = max(seconds, IDLE_MIN_SECONDS)
        self._restart_idle()

    # --- language -------------------------------------------------------------------------

    def _toggle_language(self) -> None:
        offered = self.languages
        current = self.switcher.language
        following = offered[(offered.index(current) + 1) % len(offered)]
        self._choose_language(following)

    def _choose_language(self, language: str) -> None:
        if language != self.switcher.language:
            self.switcher.set_language(language)
            if self.visit_open:
                self.language_chosen.emit(language)

    def _language_changed(self, language: str) -> None:
        offered = self.languages
        following = offered[(offered.index(language) + 1) % len(offered)]
        # The toggle names the other language in that language, so its readers find it.
        self.language_button.setText(LANGUAGE_NAMES[following])
        self.language_button.setAccessibleName(LANGUAGE_NAMES[following])
        self.details.set_language(language)
        self.role.set_language(language)
        self.welcome.set_language(language)
        self.speech.language_changed()

    # --- staff access and kiosk mode --------------------------------------------------------

    def open_staff_area(self) -> None:
        if self.starting:
            return  # the PIN is the manager's, read from the store once it is ready
        if self.current() in (self.pin, self.staff) or self.current() in self.staff_screens:
            return
        if self.visit_open:
            self._idle()  # a visitor's card is finalised before staff take over
        self.pin.reset()
        self._show(self.pin)

    def _is_visitor_screen(self, screen: QWidget | None) -> bool:
        staff = (self.pin, self.staff, *self.staff_screens)
        return screen is not None and screen not in staff

    def enable_manager(self, enabled: bool) -> None:
        self.staff.manager_button.setVisible(enabled)

    def show_staff_screen(self, screen: QWidget) -> None:
        """Show a screen only staff reach (the manager area); idle locks it again."""
        if screen not in self.staff_screens:
            self.staff_screens.append(screen)
            self.stack.addWidget(screen)
        self._show(screen)

    def show_storage_problem(self, problem: bool) -> None:
        self.storage_problem = problem
        self.welcome.show_problem(
            self.tr("Answers cannot be saved right now. Please tell the front desk.")
            if problem
            else None
        )

    def _is_mine(self, watched: QObject) -> bool:
        """Is this object part of this window, its screens or a dialog opened over them?"""
        if isinstance(watched, QWidget):
            widget: QWidget | None = watched
            while widget is not None:
                if widget is self:
                    return True
                widget = widget.parentWidget()
            return False
        return watched is self.windowHandle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._is_mine(watched):
            return False
        if kind == QEvent.Type.ContextMenu:
            return True  # no context menus anywhere in kiosk mode
        if self.starting and (kind in _POINTER_EVENTS or kind == QEvent.Type.KeyPress):
            return True  # nothing takes a touch until the faces come
        if kind in _ACTIVITY_EVENTS:
            self.last_touch = self.monotonic()
            self._restart_idle()
        # The first receiver decides: a swallowed event reaches no widget below it.
        if kind in _POINTER_EVENTS and isinstance(event, QMouseEvent):
            self._corner_gesture(event)
        touched = kind in _POINTER_EVENTS or kind == QEvent.Type.KeyPress
        if touched and self.attract.isVisible():
            # The first touch anywhere only brings the faces back: it rates nothing, and the
            # rest of that tap falls in the settle time of a screen change.
            self.attract.stop()
            self.last_switch = self.monotonic()
            self._restart_idle()
            return True
        if kind in _POINTER_EVENTS and self.monotonic() - self.last_switch < SETTLE_SECONDS:
            return True  # a double tap must not also act on the screen it opened
        if self.speech.intercept(watched, event):
            return True  # reading aloud: a first touch on a control only reads it
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(watched, event)
        return False

    def _corner_gesture(self, event: QMouseEvent) -> None:
        if event.type() == QEvent.Type.MouseButtonPress:
            local = self.mapFromGlobal(event.globalPosition().toPoint())
            if 0 <= local.x() < CORNER_PX and 0 <= local.y() < CORNER_PX:
                self.long_press.start()
        elif event.type() == QEvent.Type.MouseButtonRelease:
            self.long_press.stop()

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        if not self.isActiveWindow():
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            screen = self.current()
            if isinstance(screen, StepScreen):
                screen.back_requested.emit()
                return True
            if screen in (self.thanks, self.staff):
                self.reset_to_welcome()
                return True
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if key in enter and isinstance(watched, QAbstractButton):
            watched.animateClick()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
        else:
            log.info("close request refused (kiosk mode)")
            event.ignore()

    def request_exit(self) -> None:
        """Staff asked to close the kiosk (staff menu, or the manager's Settings): ask first in
        the kiosk's own sheet, with a word about visits not saved yet, if any."""
        count, kept = self.unsaved_visits()
        text = self.tr("Visitors cannot give feedback until the kiosk is started again.")
        if count and kept:
            text += "\n\n" + self.tr(
                "Visits not saved yet: {count}. They are kept safely on this computer and go "
                "into the card database at the next start."
            ).format(count=count)
        elif count:
            text += "\n\n" + self.tr(
                "Visits not saved yet: {count}. Nothing can be written on this computer, so "
                "they are lost if the kiosk closes now. Free some disk space first."
            ).format(count=count)
        self.confirm_exit.ask(
            self.tr("Close the kiosk?"),
            text,
            self.tr("Keep the kiosk open"),
            self.tr("Close the kiosk"),
        )

    def leave_kiosk(self) -> None:
        """Close for good, after staff unlocked it."""
        self.allow_close = True
        self.close()
