"""The ``kiosk`` command."""

from __future__ import annotations

import click


@click.group()
def main() -> None:
    """School front-office feedback kiosk."""
