"""``kiosk sync --once``: send everything waiting for the district now, and say how it went."""

from __future__ import annotations

import click

from kiosk import __version__
from kiosk.cli.main import Context, common_options
from kiosk.outbox.uploader import CycleReport, Uploader
from kiosk.store.cards import CardStore, StoreEnvironmentError
from sync.errors import SyncConfigError, SyncError


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
    2 when the configuration or the store cannot be used.
    """
    config = ctx.config
    try:
        store = CardStore.in_dir(ctx.data_dir)
    except StoreEnvironmentError as exc:
        click.echo(f"kiosk sync: {exc}", err=True)
        raise SystemExit(2) from None
    try:
        uploader = Uploader.from_config(store, config.sync, config.kiosk_id, __version__)
    except SyncConfigError as exc:
        store.close()
        click.echo(f"kiosk sync: {exc}", err=True)
        raise SystemExit(2) from None
    report = CycleReport()
    error: SyncError | None = None
    try:
        uploader.run_cycle(report)
    except SyncError as exc:
        error = exc
    finally:
        uploader.close()
    status = store.sync_status()
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
