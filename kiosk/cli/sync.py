"""``kiosk sync --once``: send everything waiting for the district now, and say how it went."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NoReturn

import click

from kiosk import __version__
from kiosk.cli.main import Context, common_options, own_lines_only
from kiosk.outbox.uploader import CycleReport, Uploader, wrong_sender_problem
from kiosk.store.cards import SyncStatus
from kiosk.store.errors import StoreEnvironmentError, StoreProblem
from sync.errors import SyncConfigError, SyncError

EXIT_UNUSABLE = 2


@click.command("sync")
@click.option(
    "--once",
    is_flag=True,
    required=True,
    help="Drain the outbox now and exit (the running kiosk syncs on its own).",
)
@click.option(
    "--as",
    "as_kiosk",
    metavar="KIOSK_ID",
    help="Send only the cards made under this (earlier) kiosk id, as that kiosk: after "
    "kiosk_id was changed. Needs that kiosk's token (--token-file). No heartbeat is sent.",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File holding the token to send with, instead of the config's.",
)
@common_options
def sync_command(ctx: Context, once: bool, as_kiosk: str | None, token_file: Path | None) -> None:
    """Send waiting cards and follow-up answers to the district.

    Exit status: 0 when nothing is left pending, 1 when some is (the reason is printed),
    2 when the configuration or the store cannot be used (a full disk, a damaged file).
    With --as, "pending" means that kiosk id's cards.
    """
    own_lines_only()
    config = ctx.config
    if as_kiosk is not None and token_file is None:
        raise click.UsageError("--as needs --token-file: the token of the kiosk named")
    sync = config.sync
    if token_file is not None:
        sync = sync.model_copy(update={"token": None, "token_file": token_file})
    kiosk_id = as_kiosk or config.kiosk_id
    on_behalf = kiosk_id != config.kiosk_id
    try:
        store = ctx.open_store()
    except StoreEnvironmentError as exc:
        _unusable(exc)
    try:
        uploader = Uploader.from_config(store, sync, kiosk_id, __version__, on_behalf)
    except SyncConfigError as exc:
        store.close()
        _unusable(exc)
    try:
        report, error, status = _run(uploader)
    except StoreEnvironmentError as exc:
        _unusable(exc)  # every card not marked delivered stays pending for the next sync
    finally:
        store.close()
    # With --as, what this run was for: that kiosk id's cards. The rest are this kiosk's own.
    pending, followups = report.pending, status.followups_pending
    click.echo(
        f"sent {report.sent}, accepted {report.accepted}, duplicate {report.duplicate}, "
        f"rejected {report.rejected}, "
        f"still pending {pending} (follow-up answers pending {followups})"
    )
    if error is not None:
        click.echo(f"kiosk sync: {error}", err=True)
    elif not on_behalf and (status.other_kiosk or report.too_large or report.wrong_sender):
        click.echo(f"kiosk sync: {status.last_error}", err=True)
    elif report.wrong_sender:
        click.echo(f"kiosk sync: {wrong_sender_problem(report.wrong_sender)}", err=True)
    if error is not None or pending or followups:
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
    status = uploader.store.sync_status(uploader.kiosk_id)
    if uploader.on_behalf:
        status = dataclasses.replace(
            status, followups_pending=uploader.store.followups_pending(uploader.kiosk_id)
        )
    return report, error, status


def _unusable(exc: Exception) -> NoReturn:
    fix = ""
    if isinstance(exc, StoreEnvironmentError) and exc.problem is StoreProblem.DAMAGED:
        fix = "; run `kiosk recover` (it keeps the cards not sent yet)"
    click.echo(f"kiosk sync: {exc}{fix}", err=True)
    raise SystemExit(EXIT_UNUSABLE)
