"""`kiosk export`: the day's (or a range's) cards as CSV, or the report as PDF."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from kiosk.cli.main import Context, common_options, own_lines_only
from kiosk.core.card import system_clock
from kiosk.core.config import Config
from kiosk.store import reports
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.export_csv import write_csv


class ExportError(click.ClickException):
    """What stops an export (bad input, an unusable store, a file that cannot be written):
    printed as one "Error: ..." line, no usage block; exit status 2 like click's own."""

    exit_code = 2


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ExportError(f"{option}: {text!r} is not a date like 2026-11-24") from None


@click.command("export")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="One day.")
@click.option("--from", "first", metavar="YYYY-MM-DD", help="First day of a range.")
@click.option("--to", "last", metavar="YYYY-MM-DD", help="Last day of a range.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "pdf"]), required=True, help="File type."
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@common_options
def export(
    ctx: Context,
    on: str | None,
    first: str | None,
    last: str | None,
    fmt: str,
    out: Path,
) -> None:
    """Write the cards of one day or a range: CSV (one row per card) or the PDF report."""
    own_lines_only()
    day, start, end = _day(on, "--date"), _day(first, "--from"), _day(last, "--to")
    if day and (start or end):
        raise ExportError("give --date, or --from and --to, not both")
    if day:
        start = end = day
    if start is None or end is None:
        raise ExportError("give --date, or both --from and --to")
    if start > end:
        raise ExportError("--from is after --to")
    config, folder = ctx.config, ctx.data_dir
    if not (folder / DB_FILENAME).is_file():
        raise ExportError(f"no kiosk database in {folder}")
    try:
        store = ctx.open_store()
    except StoreEnvironmentError as exc:
        raise ExportError(str(exc)) from None
    try:
        if fmt == "csv":
            try:
                rows = store.read(write_csv, start, end, out)
            except OSError as exc:
                raise ExportError(f"cannot write {out} ({exc.strerror})") from None
            click.echo(f"{out}: {rows} card(s)")
        else:
            pages = _write_pdf(store, config, start, end, out)
            click.echo(f"{out}: {pages} page(s)")
    except StoreEnvironmentError as exc:
        raise ExportError(str(exc)) from None
    finally:
        store.close()


def _write_pdf(store: CardStore, config: Config, start: date, end: date, out: Path) -> int:
    report = store.read(reports.period_report, start, end)  # all read before Qt paints a line
    # Rendering a PDF needs Qt's font machinery but no screen: the offscreen platform serves a
    # headless server or an SSH session alike.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.manager.report_pdf import write_pdf

    # QApplication rather than QGuiApplication, so a widget-using caller in the same process
    # (the kiosk itself, the test suite) can share it.
    _app = QApplication.instance() or QApplication([])
    pages = write_pdf(report, config, out, system_clock())
    if not out.is_file():
        raise ExportError(f"cannot write {out}")
    return pages
