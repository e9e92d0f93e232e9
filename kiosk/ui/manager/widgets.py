"""Small building blocks shared by the manager's screens."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QVBoxLayout,
    QWidget,
)


def label(object_name: str, parent: QWidget | None = None) -> QLabel:
    """A label styled by its object name in the stylesheet; long text wraps rather than cuts.

    Plain text always: these labels show visitors' names and comments, and Qt's default
    (AutoText) would render a comment such as ``<h1>CALL ME</h1>`` as a headline."""
    widget = QLabel(parent)
    widget.setObjectName(object_name)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def touch_scroll(view: QAbstractScrollArea) -> None:
    """Flick and drag to scroll, by finger or by the left mouse button (QScroller), in
    pixels rather than rows; the scroll bar itself is as wide as a finger (the stylesheet).

    A plain scroll area takes no focus from a tap, or a tap on a button inside it would take
    the focus from the field being typed into, and the built-in keyboard with it."""
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(view.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)
    if isinstance(view, QAbstractItemView):
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    else:
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def button(object_name: str, parent: QWidget | None = None) -> QPushButton:
    """A button reached by Tab, but one a tap gives no focus: tapping "Save" while typing
    keeps the focus (and the built-in keyboard) where it is, so nothing moves under the finger
    before the tap is done."""
    widget = QPushButton(parent)
    widget.setObjectName(object_name)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return widget


# The manager's dates, each in the shown language's own order and words, all from one family:
# the day is the locale's long format; where a chart has room for less, the same words without
# the weekday and year; a moment is the weekday and day without the year, then the clock as the
# school's country writes it in that language: 12-hour in the US in both ("2:05 PM",
# "2:05 p.m."), 24-hour where the locale is (a plain space before AM/PM: the typeface has no
# narrow no-break space).
# Never a numeric date: "11/2/26" reads as two different days in the two languages.
_DAY_MONTH = {
    QLocale.Language.English: "MMMM d",
    QLocale.Language.Spanish: "d 'de' MMMM",
}
_MOMENT_DAY = {
    QLocale.Language.English: "ddd, MMM d, ",
    QLocale.Language.Spanish: "ddd d 'de' MMM, ",
}


def _clock(locale: QLocale) -> str:
    """The locale's choice of 12 or 24 hours; "Ap": its own AM/PM words, as it writes them."""
    twelve = "a" in locale.timeFormat(QLocale.FormatType.ShortFormat).lower()
    return "h:mm Ap" if twelve else "H:mm"


def _format(formats: dict[QLocale.Language, str], locale: QLocale) -> str:
    return formats.get(locale.language(), formats[QLocale.Language.English])


def long_date(day: date) -> str:
    """A day written out, e.g. "Tuesday, December 1, 2026" or "martes, 1 de diciembre de 2026"."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def day_month(day: date) -> str:
    """A day where a chart has little room: "December 1" or "1 de diciembre"."""
    locale = QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), _format(_DAY_MONTH, locale))


def clock_time(moment: datetime) -> str:
    """The wall-clock time of a moment: "2:05 PM", "2:05 p.m." or "14:05"."""
    locale = QLocale()
    return locale.toString(QTime(moment.hour, moment.minute), _clock(locale))


def day_and_time(moment: datetime) -> str:
    """A moment as its wall-clock time where it happened, e.g. "Tue, Nov 24, 8:14 AM" or
    "mar 24 de nov, 8:14 a.m."."""
    locale = QLocale()
    qt = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    return locale.toString(qt, _format(_MOMENT_DAY, locale) + _clock(locale))


class DayPicker(QWidget):
    """Previous day, the date, next day: large targets instead of a tiny calendar popup.

    The day never moves past ``today`` (there are no cards from the future).
    """

    changed = Signal(object)  # datetime.date

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DayPicker")
        self.today = today
        self.day = today
        self.previous = button("DayStep", self)
        self.previous.setText("◀")
        self.shown = label("DayShown", self)
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next = button("DayStep", self)
        self.next.setText("▶")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.previous)
        row.addWidget(self.shown, 1)
        row.addWidget(self.next)
        self.previous.clicked.connect(lambda: self.set_day(self.day - timedelta(days=1)))
        self.next.clicked.connect(lambda: self.set_day(self.day + timedelta(days=1)))
        self.retranslate()

    def set_day(self, day: date) -> None:
        day = min(day, self.today)
        if day == self.day:
            return
        self.day = day
        self.retranslate()
        self.changed.emit(day)

    def retranslate(self) -> None:
        self.previous.setAccessibleName(self.tr("Previous day"))
        self.next.setAccessibleName(self.tr("Next day"))
        self.next.setEnabled(self.day < self.today)
        text = long_date(self.day)
        self.shown.setText(
            self.tr("Today, {date}").format(date=text) if self.day == self.today else text
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Tile(QWidget):
    """A big number with what it counts written under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.value = label("TileValue", self)
        self.caption = label("TileCaption", self)
        column = QVBoxLayout(self)
        column.addWidget(self.value)
        column.addWidget(self.caption)
        column.addStretch(1)

    def set(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
