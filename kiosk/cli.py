"""The ``kiosk`` command."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """School front-office feedback kiosk."""


from kiosk.cli_sync import sync_command  # noqa: E402  (one line per command module eases merging)

main.add_command(sync_command)
