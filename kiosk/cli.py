"""The ``kiosk`` command."""

from __future__ import annotations

import click

from kiosk.cli_export import export


@click.group()
def main() -> None:
    """School front-office feedback kiosk."""


main.add_command(export)
