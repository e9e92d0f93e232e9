"""Wiring: the one place where the window's signals meet the store and the uploader."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.core.card import (
    EDITABLE_FIELDS,
    NAME_MAX,
    Card,
    Clock,
    Delivery,
    clean_text,
    system_clock,
)
from kiosk.core.config import Config
from kiosk.core.crash import CrashHandler
from kiosk.core.pin import verify_pin
from kiosk.core.speech import SpeechEngine, install_hint, system_engine
from kiosk.shell.store_start import StoreStart
from kiosk.store.cards import CardStore, SyncStatus
from kiosk.store.errors import StoreEnvironmentError, StoreProblem
from kiosk.store.journal import FallbackJournal, journal_path
from kiosk.store.manager_settings import (
    EffectiveSettings,
    ManagerSettings,
    effective_settings,
    purge_expired_contacts,
)
from kiosk.store.recover import Recovery, open_checked, recover_in_place
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.theme import apply_theme
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:  # imported when first used (sync: only with an endpoint), not at start
    from kiosk.shell.sync_worker import SyncWorker
    from kiosk.ui.manager.area import ManagerArea

log = logging.getLogger("kiosk.app")
PURGE_INTERVAL_MS = 6 * 3600 * 1000


class VisitorSession(QObject):
    """One card per visit: created at the first tap, updated step by step, then finalised.

    The visit's card is also kept in memory. When the store cannot be written, ``problem``
    says so (the screens show it) and every later step tries again with the whole card, so a
    disk that comes back mid-visit still gets the visit; a finished card that could not be
    written is retried at the next save. A card already saved is never dropped. Each refused
    visit also goes to the fallback ``journal`` in another folder, so closing the kiosk does not
    lose it: the journal is moved into the store as soon as the store takes writes again, at the
    latest at the next start.
    """

    problem = Signal(bool)

    def __init__(
        self,
        open_store: Callable[[], CardStore],
        config: Config,
        language: Callable[[], str],
        clock: Clock = system_clock,
        journal: FallbackJournal | None = None,
    ) -> None:
        super().__init__()
        self.open_store = open_store
        self.journal = journal
        self.config = config
        self.language = language
        self.clock = clock
        self.store: CardStore | None = None
        self.card: Card | None = None  # the open visit's card
        self.stored = False  # whether self.card is in the store yet
        self.unsaved: list[Card] = []  # finished visits the store refused, oldest first
        self.unfinalised: list[str] = []  # saved cards whose finalising the store refused
        self.failing = False
        self.recoveries: list[Recovery] = []  # damaged files this session moved away from

    @property
    def card_id(self) -> str | None:
        return self.card.id if self.card is not None else None

    def _with_store(self, action: Callable[[CardStore], object]) -> bool:
        # The open visit and the refused finished ones are written from memory, which is newer
        # than any snapshot of them in the journal.
        fresh = {c.id for c in self.unsaved} | ({self.card.id} if self.card is not None else set())
        recovered = False
        while True:
            try:
                if self.store is None:
                    self.store = self.open_store()
                    self.store.finalise_abandoned()
                action(self.store)
                while self.unsaved:
                    self.store.create(self.unsaved[0])
                    log.info("card %s saved late", self.unsaved.pop(0).id)
                while self.unfinalised:
                    self.store.finalise(self.unfinalised.pop(0))
                if self.journal is not None and self.journal.path.exists():
                    self.journal.merge_into(self.store, newer=fresh)
                break
            except StoreEnvironmentError as exc:
                if exc.problem is StoreProblem.DAMAGED and not recovered and self._recover():
                    recovered = True  # the file was damaged: once more, on the fresh one
                    continue
                log.error("cannot save the visitor's answer: %s", exc)
                self._keep_aside()
                if not self.failing:
                    self.failing = True
                    self.problem.emit(True)
                return False
        if self.failing:
            self.failing = False
            self.problem.emit(False)
        return True

    def _recover(self) -> bool:
        """The store's file is damaged: stop trusting it, go on with a fresh file holding all
        that could be read from it (kiosk.store.recover), and the open visit from memory."""
        store = self.store
        if store is None:
            return False
        try:
            recovery = recover_in_place(store)
            log.error("the card database was damaged: %s", recovery.line())
            card = self.card
            if card is not None and self.stored and store.get(card.id) is None:
                store.create(card)  # it was on a page that could not be read
        except StoreEnvironmentError as exc:
            log.error("cannot recover the damaged card database: %s", exc)
            return False
        self.recoveries.append(recovery)
        return True

    def start_failed(self, exc: Exception) -> None:
        """The start's check could not open the store: the screens say so at once, and the
        first visitor's tap tries again."""
        log.error("cannot open the card database: %s", exc)
        self.failing = True
        self.problem.emit(True)

    def _keep_aside(self) -> None:
        """The refused visits, as they stand, into the fallback journal."""
        if self.journal is None:
            return
        for card in [*self.unsaved, *([self.card] if self.card is not None else [])]:
            self.journal.keep(card)

    def unsaved_visits(self) -> tuple[int, bool]:
        """Visits the store has not taken (or not taken in full), and whether every one of them
        is kept in the fallback journal."""
        in_memory = {c.id for c in self.unsaved}
        if self.failing and self.card is not None:
            in_memory.add(self.card.id)
        journal = self.journal
        kept = {c.id for c in journal.cards()} if journal is not None else set()
        return len(in_memory | kept), in_memory <= kept

    def _save(self, **fields: Any) -> None:
        """Apply a change to the open card, and write it: an update, or the whole card."""
        card = self.card
        if card is None:
            return
        for name, value in fields.items():
            setattr(card, name, value)
        if self.stored:
            if self.failing:  # earlier steps were refused too: write the whole visit
                fields = {name: getattr(card, name) for name in EDITABLE_FIELDS}
            self._with_store(lambda s: s.update(card.id, **fields))
        elif self._with_store(lambda s: s.create(card)):
            self.stored = True
            log.info("card %s created (rating %d)", card.id, card.rating)

    def rated(self, rating: int) -> None:
        if self.card is not None:
            # Back to the faces and a different face: the same visit, a new rating.
            self._save(rating=rating)
            return
        self.card = Card.new(rating, self.language(), self.config.kiosk_id, __version__, self.clock)
        self.stored = False
        self._save()

    def details(self, fields: dict[str, Any]) -> None:
        clean = dict(fields)
        if "comment" in clean:
            clean["comment"] = clean_text(clean["comment"], self.config.comment_max_chars)
        if "contact_name" in clean:
            clean["contact_name"] = clean_text(clean["contact_name"], NAME_MAX)
        self._save(**clean)

    def language_changed(self, language: str) -> None:
        self._save(language=language)

    def finished(self) -> None:
        card, self.card = self.card, None
        if card is None:
            return
        if self.stored:
            if self._with_store(lambda s: s.finalise(card.id)):
                log.info("card %s final", card.id)
            else:
                self.unfinalised.append(card.id)
            return
        # Never written: it goes in whole, already final, now or at the next save.
        card.delivery = Delivery.PENDING
        card.finalised_at = self.clock()
        self.unsaved.append(card)
        self._with_store(lambda s: None)


class StaffWiring(QObject):
    """The manager area and the manager's settings, connected to the window and the store.

    The manager's settings (PIN, idle timeout, default language) override IT's config; they
    apply at start and again whenever the manager saves them.
    """

    sync_now_requested = Signal()

    def __init__(
        self, window: KioskWindow, session: VisitorSession, config: Config, clock: Clock
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.config = config
        self.clock = clock
        self.manager: ManagerArea | None = None
        self.sync_status: SyncStatus | None = None
        self.settings = effective_settings(config, {})
        self.apply(self.settings)
        self.purge_timer = QTimer(self)
        self.purge_timer.setInterval(PURGE_INTERVAL_MS)
        self.purge_timer.timeout.connect(self.purge_contacts)
        window.enable_manager(True)
        window.manager_requested.connect(self.open_manager)

    def store_ready(self) -> None:
        """The start's check is done: the manager's settings apply, and retention runs now and
        then every few hours (a kiosk runs for weeks)."""
        store = self.session.store
        if store is not None:
            try:
                self.apply(ManagerSettings(store).effective(self.config))
            except StoreEnvironmentError as exc:
                log.error("cannot read the manager's settings: %s", exc)
        self.purge_contacts()
        self.purge_timer.start()

    def purge_contacts(self) -> None:
        store = self.session.store
        if store is None:
            return
        try:
            purged = purge_expired_contacts(store, self.config)
        except StoreEnvironmentError as exc:
            log.error("cannot remove expired contact details: %s", exc)
            return
        if purged:
            log.info("removed contact details of %d old delivered card(s)", purged)

    def check_pin(self, pin: str) -> bool:
        return verify_pin(pin, self.settings.pin_hash)

    def apply(self, settings: EffectiveSettings) -> None:
        self.settings = settings
        self.window.default_language = settings.default_language
        self.window.set_idle_seconds(settings.idle_timeout_seconds)

    def open_manager(self) -> None:
        store = self.session.store
        if store is None:
            self.window.staff.set_status(
                self.tr("The card database cannot be opened; see the log file.")
            )
            return
        if self.manager is None:
            from kiosk.ui.manager.area import ManagerArea

            self.manager = ManagerArea(store, self.config, self.clock)
            self.manager.school.clear()  # the kiosk's header above already names the school
            self.manager.closed.connect(self.window.reset_to_welcome)
            self.manager.exit_requested.connect(self.window.request_exit)
            self.session.problem.connect(self._show_unsaved)
            self.manager.sync_now_requested.connect(self.sync_now_requested)
            self.manager.settings_changed.connect(self.apply)
            self.window.switcher.language_changed.connect(self.manager.set_language)
            self.manager.set_language(self.window.switcher.language)
        if self.sync_status is not None:
            self.manager.set_sync_status(self.sync_status)
        self._show_unsaved()
        self.window.show_staff_screen(self.manager)

    def _show_unsaved(self) -> None:
        if self.manager is not None:
            self.manager.set_unsaved_visits(self.session.unsaved_visits()[0])

    def show_sync_status(self, status: SyncStatus) -> None:
        self.sync_status = status
        log.info(
            "sync: %d pending, last success %s, last error %s",
            status.pending,
            status.last_success,
            status.last_error,
        )
        if self.manager is not None:
            self.manager.set_sync_status(status)


def wire_window(
    window: KioskWindow,
    config: Config,
    data_dir: Path,
    clock: Clock = system_clock,
    sync_worker: SyncWorker | None = None,
    store_start: StoreStart | None = None,
) -> VisitorSession:
    """Connect the window to the card store (and sync).

    The store is checked first by ``store_start`` (default: at once, in this call); with one
    that runs in the background the window shows "Starting..." until it is done, and sync
    starts after it (a recovery puts a fresh file in the old one's place).
    """
    switcher = window.switcher
    aside = journal_path(data_dir)
    checked = False  # the start's check has just run: the first opening needs no second one

    def open_store() -> CardStore:
        nonlocal checked
        if checked:
            checked = False
            return CardStore.in_dir(data_dir, clock)
        return open_checked(data_dir, clock)[0]  # a damaged file is recovered first

    session = VisitorSession(
        open_store,
        config,
        lambda: switcher.language,
        clock,
        FallbackJournal(aside) if aside is not None else None,
    )
    window.unsaved_visits = session.unsaved_visits
    session.setParent(window)
    window.rated.connect(session.rated)
    window.details_given.connect(session.details)
    window.language_chosen.connect(session.language_changed)
    window.visit_finished.connect(session.finished)
    session.problem.connect(window.show_storage_problem)
    window.exit_requested.connect(window.leave_kiosk)
    window.exit_requested.connect(lambda: log.info("kiosk closed by staff"))
    staff = StaffWiring(window, session, config, clock)
    window.pin.check_pin = staff.check_pin
    if sync_worker is not None:
        sync_worker.setParent(window)
        sync_worker.status_changed.connect(staff.show_sync_status)
        staff.sync_now_requested.connect(sync_worker.sync_now)

    def store_checked(outcome: Recovery | Exception | None) -> None:
        nonlocal checked
        if isinstance(outcome, Exception):
            session.start_failed(outcome)
        else:
            if outcome is not None:
                log.error("the card database was damaged: %s", outcome.line())
            checked = True
            # Open the store now, so a broken disk shows before the first visitor taps.
            session._with_store(lambda s: None)
        staff.store_ready()
        if sync_worker is not None:
            sync_worker.start()
        # The manager's default language may differ from IT's: the first visitor gets it.
        window.end_starting()
        if isinstance(outcome, Exception) and not isinstance(outcome, StoreEnvironmentError):
            raise outcome  # a bug in the check: the crash handler logs it

    start = store_start or StoreStart.for_dir(data_dir, background=False, clock=clock)
    start.setParent(window)
    start.finished.connect(store_checked)
    window.show_starting()
    start.start()
    return session


def build_window(
    app: QApplication,
    config: Config,
    data_dir: Path,
    size: tuple[int, int],
    kiosk_mode: bool,
    clock: Clock = system_clock,
    monotonic: Callable[[], float] = time.monotonic,
    sync_worker: SyncWorker | None = None,
    speech: SpeechEngine | None = None,
    pseudo: bool = False,
    store_start: StoreStart | None = None,
) -> tuple[KioskWindow, VisitorSession]:
    """The whole kiosk window, wired to its store (and sync), not shown yet.

    ``monotonic`` drives the window's tap-settle guard; tests and benchmarks pass a fake one
    to step past the settle window instead of sleeping. ``speech`` reads aloud when the
    visitor asks (None: no speaker button). ``pseudo``: every string 40% longer
    (kiosk.ui.i18n.pseudo_text), to find where text is tight. ``store_start``: see
    wire_window.
    """
    fit = apply_theme(app, *size, accent=config.accent_colour)
    switcher = LanguageSwitcher(pseudo=pseudo, region=config.region)
    switcher.set_language(config.default_language)
    window = KioskWindow(
        config, fit, switcher, kiosk_mode=kiosk_mode, monotonic=monotonic, speech=speech
    )
    switcher.setParent(window)  # its translator goes with the window
    session = wire_window(window, config, data_dir, clock, sync_worker, store_start)
    return window, session


def start_kiosk(
    app: QApplication, config: Config, data_dir: Path, size: tuple[int, int], kiosk_mode: bool
) -> KioskWindow:
    """`kiosk run`'s window (kiosk.shell.launch), wired to the store, sync and the crash
    handler; not shown yet. The store's check runs in the background: the window shows
    "Starting..." until it is done, and then the faces."""
    worker: SyncWorker | None = None
    if config.sync.endpoint:
        from kiosk.shell.sync_worker import SyncWorker

        worker = SyncWorker(data_dir, config)
    speech = system_engine() if config.speech_button else None
    if speech is not None:
        app.aboutToQuit.connect(speech.close)
    elif config.speech_button:
        log.warning("no offline voice on this machine, so no speaker button: %s", install_hint())
    window, _session = build_window(
        app,
        config,
        data_dir,
        size,
        kiosk_mode,
        sync_worker=worker,
        speech=speech,
        store_start=StoreStart.for_dir(data_dir, background=True),
    )
    window.exit_requested.connect(app.quit)
    # An unhandled error in the GUI is logged and the kiosk goes back to Welcome (kiosk.core.crash).
    CrashHandler(window.reset_to_welcome, app.exit).install()
    if worker is not None:
        app.aboutToQuit.connect(worker.stop)  # started by the wiring once the store is checked
    else:
        log.info("sync: no endpoint configured; cards stay on this kiosk")
    log.info("kiosk %s started (%s, data in %s)", config.kiosk_id, __version__, data_dir)
    return window
