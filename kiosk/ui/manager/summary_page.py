"""Today at a glance: counts, the five faces, the trend, top chips, who came, which language."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.core.config import LANGUAGE_NAMES, Config
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.store.reports import DaySummary, Resolutions, Tally, Trend
from kiosk.ui.manager.charts import FaceBars, TrendChart
from kiosk.ui.manager.figures import (
    average_text,
    resolution_counts_text,
    resolved_text,
    share_text,
)
from kiosk.ui.manager.widgets import Tile, label, long_date

TREND_DAYS = 30
TOP_CHIPS = 3
TILES_IN_ONE_ROW_FROM = 900  # px of page width


class SummaryPage(QScrollArea):
    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SummaryPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.config = config
        self.language: str = config.default_language
        self.summary: DaySummary | None = None
        self.month = Trend([])
        self.week = Tally()
        self.week_resolutions = Resolutions()
        self.month_resolutions = Resolutions()
        self.waiting = 0

        body = QWidget()
        body.setObjectName("PageBody")
        self.setWidget(body)
        self.title = label("PageTitle")
        self.cards_tile, self.average_tile, self.positive_tile = (Tile() for _ in range(3))
        self.resolved_tile, self.waiting_tile = Tile(), Tile()
        self.tiles = QGridLayout()
        self._tile_columns = 0
        self._arrange_tiles(len(self.tile_order()))

        self.faces_heading = label("SectionTitle")
        self.bars = FaceBars()
        self.trend_heading = label("SectionTitle")
        self.trend_chart = TrendChart()
        self.week_line = label("BodyText")
        self.month_line = label("BodyText")
        charts = QGridLayout()
        charts.addWidget(self.faces_heading, 0, 0)
        charts.addWidget(self.bars, 1, 0)
        charts.addWidget(self.trend_heading, 0, 1)
        charts.addWidget(self.trend_chart, 1, 1)
        charts.addWidget(self.week_line, 2, 0, 1, 2)
        charts.addWidget(self.month_line, 3, 0, 1, 2)
        charts.setColumnStretch(0, 1)
        charts.setColumnStretch(1, 1)

        # Went well, could be better, who came, language; then first-contact resolution.
        self.lists = [(label("SectionTitle"), label("BodyText")) for _ in range(5)]
        columns = QGridLayout()
        for i, (heading, text) in enumerate(self.lists):
            span = 2 if i == 4 else 1
            columns.addWidget(heading, 2 * (i // 2), i % 2, 1, span)
            columns.addWidget(text, 2 * (i // 2) + 1, i % 2, 1, span, Qt.AlignmentFlag.AlignTop)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)

        page = QVBoxLayout(body)
        page.addWidget(self.title)
        page.addLayout(self.tiles)
        page.addLayout(charts)
        page.addLayout(columns)
        page.addStretch(1)

    def tile_order(self) -> tuple[Tile, ...]:
        return (
            self.cards_tile,
            self.average_tile,
            self.positive_tile,
            self.resolved_tile,
            self.waiting_tile,
        )

    def _arrange_tiles(self, columns: int) -> None:
        """Five tiles in a row where they fit, else three above two: a portrait screen's
        tiles would each be too narrow for their captions."""
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for i, tile in enumerate(self.tile_order()):
            self.tiles.addWidget(tile, i // columns, i % columns)
        for column in range(len(self.tile_order())):
            self.tiles.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange_tiles(5 if event.size().width() >= TILES_IN_ONE_ROW_FROM else 3)
        super().resizeEvent(event)

    def reload(self, store: CardStore, today: date, waiting: int) -> None:
        self.summary = store.read(reports.day_summary, today)
        self.month = store.read(reports.trend, today - timedelta(days=TREND_DAYS - 1), today)
        week_start = reports.week_start(today)
        self.week = Trend([(d, t) for d, t in self.month.days if d >= week_start]).tally
        self.week_resolutions = store.read(reports.resolutions, week_start, today)
        self.month_resolutions = store.read(
            reports.resolutions, today - timedelta(days=TREND_DAYS - 1), today
        )
        self.waiting = waiting
        self.bars.set_tally(self.summary.tally)
        self.trend_chart.set_trend(self.month)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def _tally_line(self, tally: Tally, resolutions: Resolutions) -> str:
        return self.tr(
            "cards {cards} · average {average} · happy {positive} · resolved {resolved}"
        ).format(
            cards=QLocale().toString(tally.cards),
            average=average_text(tally),
            positive=share_text(tally),
            resolved=resolved_text(resolutions),
        )

    def retranslate(self) -> None:
        summary = self.summary
        if summary is None:
            return
        tally = summary.tally
        self.title.setText(self.tr("Today at a glance: {date}").format(date=long_date(summary.day)))
        self.cards_tile.set(QLocale().toString(tally.cards), self.tr("cards today"))
        self.average_tile.set(average_text(tally), self.tr("average, 1 to 5"))
        self.positive_tile.set(share_text(tally), self.tr("happy"))
        self.resolved_tile.set(
            resolved_text(summary.resolutions), self.tr("resolved on the first visit")
        )
        self.waiting_tile.set(QLocale().toString(self.waiting), self.tr("to call back"))
        self.faces_heading.setText(self.tr("Faces today"))
        self.trend_heading.setText(self.tr("Last 30 days: cards and average"))
        self.week_line.setText(
            self.tr("This week: {line}").format(
                line=self._tally_line(self.week, self.week_resolutions)
            )
        )
        self.month_line.setText(
            self.tr("30 days: {line}").format(
                line=self._tally_line(self.month.tally, self.month_resolutions)
            )
        )
        headings = (
            self.tr("Went well"),
            self.tr("Could be better"),
            self.tr("Who came"),
            self.tr("Language"),
            self.tr("Resolved on the first visit"),
        )
        texts = (
            self._chip_lines("went_well", summary.went_well[:TOP_CHIPS]),
            self._chip_lines("could_improve", summary.could_improve[:TOP_CHIPS]),
            self._split_lines(
                [(self._role(role), t) for role, t in summary.by_role],
            ),
            self._split_lines(
                [(self._language_name(code), t) for code, t in summary.by_language],
            ),
            self._resolution_lines(summary),
        )
        for (heading, text), heading_text, body in zip(self.lists, headings, texts, strict=True):
            heading.setText(heading_text)
            text.setText(body or self.tr("Nothing yet"))

    def _chip_lines(self, kind: str, chips: list[tuple[str, int]]) -> str:
        return "\n".join(
            f"{count} · {self.config.choice_label(kind, chip, self.language)}"
            for chip, count in chips
        )

    def _resolution_lines(self, summary: DaySummary) -> str:
        """Today's answers to "Did you get what you came for today?"; the share in the tile
        is of the visitors who answered."""
        answers = summary.resolutions
        if not answers.answered:
            return ""
        return "\n".join(
            (
                resolution_counts_text(answers),
                self.tr("{answered} of {cards} visitors answered").format(
                    answered=QLocale().toString(answers.answered),
                    cards=QLocale().toString(summary.tally.cards),
                ),
            )
        )

    def _split_lines(self, rows: list[tuple[str, Tally]]) -> str:
        line = self.tr("{count} · {name}, average {average}")
        return "\n".join(
            line.format(count=t.cards, name=name, average=average_text(t)) for name, t in rows
        )

    def _role(self, role: str | None) -> str:
        if role is None:
            return self.tr("Did not say")
        return self.config.choice_label("roles", role, self.language)

    def _language_name(self, code: str) -> str:
        return LANGUAGE_NAMES.get(code, code)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
