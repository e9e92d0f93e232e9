"""The manager's figures as text, in the shown language: averages, shares, changes, answers.

One place, so the summary page and the PDF report write "3.9", "71 %" and "+0.2" alike.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from kiosk.store.reports import Resolutions, Tally

NONE = "–"  # a figure with nothing to count yet


def average_text(tally: Tally) -> str:
    return NONE if tally.average is None else QLocale().toString(tally.average, "f", 1)


def percent_text(share: float | None) -> str:
    return NONE if share is None else QLocale().toString(share * 100, "f", 0) + " %"


def share_text(tally: Tally) -> str:
    return percent_text(tally.positive_share)


def resolved_text(resolutions: Resolutions) -> str:
    return percent_text(resolutions.resolved_share)


def signed(value: float, decimals: int) -> str:
    """A change with its sign always written: "+8", "-0.2", "+0"."""
    locale = QLocale()
    sign = locale.negativeSign() if round(value, decimals) < 0 else locale.positiveSign()
    return sign + locale.toString(float(abs(value)), "f", decimals)


def resolution_counts_text(resolutions: Resolutions) -> str:
    """The answers to "Did you get what you came for today?": "Yes 32 · Partly 10 · Not yet 8"."""
    return QCoreApplication.translate(
        "Figures", "Yes {yes} · Partly {partly} · Not yet {not_yet}"
    ).format(
        yes=QLocale().toString(resolutions.yes),
        partly=QLocale().toString(resolutions.partly),
        not_yet=QLocale().toString(resolutions.not_yet),
    )
