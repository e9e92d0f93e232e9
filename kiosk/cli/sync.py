"""``kiosk sync --once``: send everything waiting for the district now, and say how it went."""

from __future__ import annotations

from typing import NoReturn

import click

from kiosk import __version__
from kiosk.cli.main import Context, common_options, own_lines_only
from kiosk.outbox.uploader import CycleReport, Uploader
from kiosk.store.cards import SyncStatus
from kiosk.store.errors import StoreEnvironmentError
from sync.errors import SyncConfigError, SyncError

EXIT_UNUSABLE = 2


@click.command("sync")
@click.option(
    "--once",
    is_flag=True,
    required=True,
    help="Drain the outbox now and exit (the running kiosk syncs on its own).",
)
@common_options
def sync_command(ctx: Context, once: bool) -> None:
    """Send waiting cards and follow-up answers to the district.

    Exit status: 0 when nothing is left pending, 1 when some is (the reason is printed),
    2 when the configuration or the store cannot be used (a full disk, a damaged file).
    """
    own_lines_only()
    config = ctx.config
    try:
        store = ctx.open_store()
    except StoreEnvironmentError as exc:
        _unusable(exc)
    try:
        uploader = Uploader.from_config(store, config.sync, config.kiosk_id, __version__)
    except SyncConfigError as exc:
        store.close()
        _unusable(exc)
    try:
        report, error, status = _run(uploader)
    except StoreEnvironmentError as exc:
        _unusable(exc)  # every card not marked delivered stays pending for the next sync
    finally:
        store.close()
    click.echo(
        f"sent {report.sent}, accepted {report.accepted}, duplicate {report.duplicate}, "
        f"rejected {report.rejected}, "
        f"still pending {status.pending} (follow-up answers pending {status.followups_pending})"
    )
    if error is not None:
        click.echo(f"kiosk sync: {error}", err=True)
    elif report.too_large:
        click.echo(f"kiosk sync: {status.last_error}", err=True)
    if error is not None or status.pending or status.followups_pending:
        raise SystemExit(1)


def _run(uploader: Uploader) -> tuple[CycleReport, SyncError | None, SyncStatus]:
    report = CycleReport()
    error: SyncError | None = None
    try:
        uploader.run_cycle(report)
    except SyncError as exc:
        error = exc
    finally:
        uploader.close()
    return report, error, uploader.store.sync_status()


def _unusable(exc: Exception) -> NoReturn:
    click.echo(f"kiosk sync: {exc}", err=True)
    raise SystemExit(EXIT_UNUSABLE)
