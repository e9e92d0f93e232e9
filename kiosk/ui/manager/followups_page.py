"""Visitors who asked to be contacted: who, how, how long is left of the 24 hours, and answering.

Each card shows what the manager needs before calling: the language the visitor used, their
face, chips and comment, and the phone number as it is read and dialled. Below the queue, the
follow-ups answered last: who answered, when, how long it took and the note.

Contact details appear here and nowhere else on the kiosk.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.card import NAME_MAX, Clock, clean_text
from kiosk.core.config import LANGUAGE_NAMES, Config
from kiosk.core.phone import phone_text
from kiosk.store.reports import RESPONSE_TARGET, FollowUp
from kiosk.ui.faces import face_icon, face_word
from kiosk.ui.manager.widgets import button, day_and_time, label, touch_scroll

NOTE_MAX = 300
COUNTDOWN_REFRESH_MS = 60_000


def duration_text(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        text = QCoreApplication.translate("FollowUpItem", "{hours} h {minutes} min")
        return text.format(hours=hours, minutes=minutes)
    return QCoreApplication.translate("FollowUpItem", "{minutes} min").format(minutes=minutes)


FACE_PX = 56


class FollowUpItem(QFrame):
    """One visitor who asked to be contacted. Waiting: the time left and an answer form that
    opens in place; answered: who answered, when, how long it took and the note."""

    answered = Signal(str, str, str)  # card id, note, answered by

    def __init__(self, followup: FollowUp, config: Config, language: str) -> None:
        super().__init__()
        self.setObjectName("FollowUpItem")
        self.followup = followup
        self.config = config
        self.language = language
        self.is_answered = followup.answered_at is not None
        self.setProperty("answered", self.is_answered)
        self.name = label("FollowUpName")
        self.contact = label("FollowUpContact")
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = label("BodyText")
        self.face = label("FollowUpFace")
        self.face.setPixmap(face_icon(followup.rating).pixmap(FACE_PX, FACE_PX))
        self.face.setFixedSize(FACE_PX, FACE_PX)
        self.rating = label("FollowUpRating")
        self.chips = label("BodyText")
        self.comment = label("FollowUpComment")
        self.outcome = label("FollowUpOutcome")
        self.note_shown = label("BodyText")
        self.countdown = label("Countdown")
        self.answer = button("SecondaryButton")
        self.note = QLineEdit()
        self.note.setObjectName("AnswerNote")
        self.note.setMaxLength(NOTE_MAX)
        self.who = QLineEdit()
        self.who.setObjectName("AnswerBy")
        self.who.setMaxLength(NAME_MAX)
        self.save = button("PrimaryButton")
        self.cancel = button("SecondaryButton")
        self.error = label("ErrorText")
        self.error.hide()

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.note)
        form.addWidget(self.who)
        form.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        form.addLayout(buttons)
        self.form.hide()

        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.countdown)
        visit = QVBoxLayout()
        visit.setSpacing(4)
        visit.addWidget(self.rating)
        visit.addWidget(self.chips)
        visit.addWidget(self.comment)
        said = QHBoxLayout()  # the face beside what the visitor chose and wrote
        said.addWidget(self.face, 0, Qt.AlignmentFlag.AlignTop)
        said.addLayout(visit, 1)
        column = QVBoxLayout(self)
        column.addLayout(header)
        column.addWidget(self.contact)
        column.addWidget(self.details)
        column.addLayout(said)
        column.addWidget(self.outcome)
        column.addWidget(self.note_shown)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.answer)
        column.addLayout(actions)
        column.addWidget(self.form)
        for waiting_only in (self.countdown, self.answer):
            waiting_only.setVisible(not self.is_answered)
        for answered_only in (self.outcome, self.note_shown):
            answered_only.setVisible(self.is_answered)

        self.answer.clicked.connect(self._open_form)
        self.cancel.clicked.connect(self._close_form)
        self.save.clicked.connect(self._submit)
        self.retranslate()

    def _open_form(self) -> None:
        self.answer.hide()
        self.form.show()
        self.note.setFocus()

    def _close_form(self) -> None:
        self.form.hide()
        self.error.hide()
        self.answer.show()

    def _submit(self) -> None:
        who = clean_text(self.who.text(), NAME_MAX)
        if not who:
            self.error.setText(self.tr("Error: write who answered."))
            self.error.show()
            self.who.setFocus()
            return
        note = clean_text(self.note.text(), NOTE_MAX) or ""
        self.answered.emit(self.followup.id, note, who)

    def show_time_left(self, now: datetime) -> None:
        if self.is_answered:
            return
        left = self.followup.time_left(now)
        overdue = left < timedelta(0)
        if overdue:
            text = self.tr("Overdue by {time}").format(time=duration_text(-left))
        else:
            text = self.tr("{time} left").format(time=duration_text(left))
        self.countdown.setText(text)
        if self.property("overdue") != overdue:
            self.setProperty("overdue", overdue)
            self.countdown.setProperty("overdue", overdue)
            self.countdown.style().unpolish(self.countdown)
            self.countdown.style().polish(self.countdown)

    def retranslate(self) -> None:
        f = self.followup
        self.name.setText(f.name or self.tr("(no name given)"))
        phone = None
        if f.phone:
            number = phone_text(f.phone, self.config.region)
            phone = number.shown
            if number.abroad:
                phone += " " + self.tr("(dial {number})").format(number=number.dial)
        self.contact.setText("  ·  ".join(x for x in (phone, f.email) if x))
        when = day_and_time(f.created_at)
        role = self.config.choice_label("roles", f.role, self.language) if f.role else None
        prefers = self.tr("Prefers {language}").format(
            language=LANGUAGE_NAMES.get(f.language, f.language)
        )
        self.details.setText(
            "  ·  ".join(x for x in (self.tr("Asked {when}").format(when=when), prefers, role) if x)
        )
        self.rating.setText(
            self.tr("{face} ({rating} of 5)").format(face=face_word(f.rating), rating=f.rating)
        )
        chips = []
        for kind, ids, text in (
            ("went_well", f.went_well, self.tr("Went well: {chips}")),
            ("could_improve", f.could_improve, self.tr("Could be better: {chips}")),
        ):
            if ids:
                names = ", ".join(self.config.choice_label(kind, i, self.language) for i in ids)
                chips.append(text.format(chips=names))
        self.chips.setText("\n".join(chips))
        self.chips.setVisible(bool(chips))
        self.comment.setText(f"“{f.comment}”" if f.comment else "")
        self.comment.setVisible(bool(f.comment))
        if f.answered_at is not None and f.took is not None:
            self.outcome.setText(
                self.tr("Answered by {who} on {when}, {took} after the request").format(
                    who=f.answered_by or "",
                    when=day_and_time(f.answered_at),
                    took=duration_text(f.took),
                )
            )
            late = f.took > RESPONSE_TARGET
            if self.property("overdue") != late:
                self.setProperty("overdue", late)
            self.note_shown.setText(self.tr("Note: {note}").format(note=f.note) if f.note else "")
            self.note_shown.setVisible(bool(f.note))
        self.answer.setText(self.tr("Mark answered"))
        self.note.setPlaceholderText(self.tr("Note: what was done"))
        self.who.setPlaceholderText(self.tr("Answered by"))
        self.save.setText(self.tr("Save answer"))
        self.cancel.setText(self.tr("Cancel"))


class FollowUpsPage(QWidget):
    """The queue, longest-waiting first; the countdowns refresh every minute."""

    resolve_requested = Signal(str, str, str)  # card id, note, answered by

    def __init__(self, config: Config, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FollowUpsPage")
        self.config = config
        self.clock = clock
        self.language: str = config.default_language
        self.followups: list[FollowUp] = []
        self.items: list[FollowUpItem] = []
        self.answered_items: list[FollowUpItem] = []
        self.title = label("PageTitle")
        self.empty = label("BodyText")
        self.answered_title = label("SectionTitle")
        self.answered_title.hide()
        self.list = QWidget()
        self.list.setObjectName("PageBody")
        self.rows = QVBoxLayout(self.list)
        self.rows.addWidget(self.answered_title)
        self.rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list)
        touch_scroll(scroll)
        page = QVBoxLayout(self)
        page.addWidget(self.title)
        page.addWidget(self.empty)
        page.addWidget(scroll, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(COUNTDOWN_REFRESH_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.retranslate()

    def show_followups(
        self, followups: list[FollowUp], answered: list[FollowUp] | None = None
    ) -> None:
        """The waiting queue, then (when given) the follow-ups answered last."""
        for item in (*self.items, *self.answered_items):
            # Out of the list now: deleteLater waits for the event loop, and until then the old
            # cards would stand beside the new ones, squeezing them all.
            self.rows.removeWidget(item)
            item.hide()
            item.deleteLater()
        self.followups = followups
        self.items = []
        self.answered_items = []
        for followup in followups:
            item = FollowUpItem(followup, self.config, self.language)
            item.answered.connect(self.resolve_requested)
            self.rows.insertWidget(self.rows.indexOf(self.answered_title), item)
            self.items.append(item)
        for followup in answered or []:
            item = FollowUpItem(followup, self.config, self.language)
            self.rows.insertWidget(self.rows.count() - 1, item)
            self.answered_items.append(item)
        self.answered_title.setVisible(bool(self.answered_items))
        # Shown and laid out now, not on the next turns of the event loop (as a layout does
        # for a shown parent): a tap right after a reload lands on the card drawn there, and
        # no frame shows the cards squeezed into the old list's height.
        for item in (*self.items, *self.answered_items):
            item.show()
        # The list's layout, then the scroll area sizing the list to it: two rounds.
        for _ in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.tick()
        self.retranslate()

    def refused(self, card_id: str, text: str) -> None:
        """The store did not take the answer: say why in the answer's own form, kept open."""
        for item in self.items:
            if item.followup.id == card_id:
                item.error.setText(text)
                item.error.show()

    def tick(self) -> None:
        now = self.clock()
        for item in self.items:
            item.show_time_left(now)

    def set_language(self, language: str) -> None:
        self.language = language
        for item in (*self.items, *self.answered_items):
            item.language = language
            item.retranslate()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            self.tr("Waiting for an answer: {count}").format(count=len(self.followups))
        )
        self.empty.setText(self.tr("Nobody is waiting for an answer."))
        self.empty.setVisible(not self.followups)
        self.answered_title.setText(self.tr("Answered recently"))
        self.tick()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for item in (*self.items, *self.answered_items):
                item.retranslate()
        super().changeEvent(event)
