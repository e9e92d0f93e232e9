"""``kiosk recover``: a damaged card database kept aside, all it still holds in a fresh one."""

from __future__ import annotations

import sys

import click

from kiosk.cli.main import Context, common_options, own_lines_only
from kiosk.core.exit_codes import EXIT_ALREADY_RUNNING
from kiosk.store.cards import DB_FILENAME
from kiosk.store.errors import StoreEnvironmentError

EXIT_UNUSABLE = 2


@click.command("recover")
@click.option(
    "--even-if-sound",
    is_flag=True,
    help="Recover into a fresh file even when PRAGMA quick_check finds nothing wrong.",
)
@common_options
def recover(ctx: Context, even_if_sound: bool) -> None:
    """Move a damaged card database aside and recover every readable card into a fresh one.

    Cards keep their state: those waiting for the district still go, delivered ones are not
    sent again. The damaged file is kept as cards.db.damaged-<time>. The kiosk does the same
    by itself when it starts; stop it first (this command refuses to run beside it).
    """
    own_lines_only()
    from kiosk.shell.launch import AlreadyRunning, lock_data_dir
    from kiosk.store.recover import is_damaged, recover_file

    path = ctx.data_dir / DB_FILENAME
    try:
        lock = lock_data_dir(ctx.data_dir)
    except AlreadyRunning as exc:
        click.echo(f"kiosk recover: {exc}; close the kiosk first", err=True)
        sys.exit(EXIT_ALREADY_RUNNING)
    try:
        if not path.exists():
            click.echo(f"no card database at {path}; nothing to recover")
            return
        if not even_if_sound and not is_damaged(path):
            click.echo(f"{path} passes PRAGMA quick_check; nothing to recover")
            return
        recovery = recover_file(path)
    except StoreEnvironmentError as exc:
        click.echo(f"kiosk recover: {exc}", err=True)
        sys.exit(EXIT_UNUSABLE)
    finally:
        lock.unlock()
    click.echo(recovery.line())
    if recovery.lost_ids:
        click.echo(f"cards that could not be read: {', '.join(recovery.lost_ids)}")
