"""The ``kiosk`` command: run the kiosk, render its screens, seed demo data."""

from __future__ import annotations

import functools
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from kiosk import __version__
from kiosk.core.exit_codes import EXIT_CONFIG
from kiosk.core.paths import ENV_CONFIG, ENV_DATA_DIR, resolve_config_file
from kiosk.core.paths import resolve_data_dir as _resolve_data_dir

if TYPE_CHECKING:
    from kiosk.core.config import Config
    from kiosk.store.cards import CardStore

StoreOpener = Callable[[Path], "CardStore"]


class Context:
    """What every subcommand needs: the config file, its validated settings, the data folder,
    and the card store in it."""

    def __init__(
        self,
        config_flag: str | None,
        data_dir_flag: str | None,
        store_opener: StoreOpener | None = None,
    ) -> None:
        self.config_file = resolve_config_file(config_flag)
        self.data_dir = _resolve_data_dir(data_dir_flag)
        self.store_opener = store_opener

    def open_store(self) -> CardStore:
        """The card store in the data folder. A program that calls the click group itself may
        pass its own opener as click's ``obj`` (the tests: a store with SQLite's page limit set,
        the way a full disk behaves)."""
        if self.store_opener is not None:
            return self.store_opener(self.data_dir)
        from kiosk.store.cards import CardStore

        return CardStore.in_dir(self.data_dir)

    @functools.cached_property
    def config(self) -> Config:
        """Validated when first asked for; a bad file ends the command with one line naming
        the key, and the exit status the autostart does not restart on."""
        from kiosk.core.config import ConfigError

        try:
            return self.load_config()
        except ConfigError as exc:
            config_error_line(exc)
            sys.exit(EXIT_CONFIG)

    def load_config(self) -> Config:
        """The validated config; raises ConfigError."""
        from kiosk.core.config import load_config

        return load_config(self.config_file)


def config_error_line(exc: Exception) -> None:
    click.echo(f"kiosk: configuration error: {exc}", err=True)


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--config and --data-dir on every subcommand (flag, then environment, then default)."""

    @click.option(
        "--config",
        "config_flag",
        type=click.Path(dir_okay=False),
        help=f"Config file (TOML). Env: {ENV_CONFIG}. "
        "Default: the per-machine, then per-user config file, else built-in defaults.",
    )
    @click.option(
        "--data-dir",
        "data_dir_flag",
        type=click.Path(file_okay=False),
        help=f"Folder for the card database. Env: {ENV_DATA_DIR}. "
        "Default: the platform's per-user data folder.",
    )
    @functools.wraps(command)
    def wrapper(config_flag: str | None, data_dir_flag: str | None, **kwargs: Any) -> Any:
        opener = click.get_current_context().obj
        return command(Context(config_flag, data_dir_flag, opener), **kwargs)

    return wrapper


def own_lines_only() -> None:
    """For a command whose printed lines tell a person all there is: with no logging set up,
    Python would also print every warning and error record to stderr, a second, rawer copy of
    those lines (the store's, the uploader's). A null handler keeps them off the terminal."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def parse_size(_ctx: object, _param: object, value: str | None) -> tuple[int, int] | None:
    """WIDTHxHEIGHT, within what a screen can be."""
    if value is None:
        return None
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise click.BadParameter("use WIDTHxHEIGHT, e.g. 1280x800") from None
    if not (320 <= width <= 7680 and 320 <= height <= 4320):
        raise click.BadParameter("width and height must be between 320 and 7680/4320")
    return width, height


class LazyGroup(click.Group):
    """Subcommands in modules of their own, imported only when run: `kiosk run` then starts
    without loading the HTTP client or the report writer."""

    LAZY: ClassVar[dict[str, str]] = {
        "export": "kiosk.cli.export:export",
        "sync": "kiosk.cli.sync:sync_command",
        "recover": "kiosk.cli.recover:recover",
        "provision": "kiosk.cli.deploy:provision",
        "install-autostart": "kiosk.cli.deploy:install_autostart",
        "uninstall-autostart": "kiosk.cli.deploy:uninstall_autostart",
        "doctor": "kiosk.cli.deploy:doctor",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module, attribute = self.LAZY[cmd_name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kiosk")
def main() -> None:
    """School front-office feedback kiosk."""


@main.command()
@common_options
@click.option("--windowed", is_flag=True, help="A normal window instead of full-screen kiosk mode.")
@click.option("--size", callback=parse_size, help="Window size WIDTHxHEIGHT (with --windowed).")
@click.option("--quit-after-first-tap", is_flag=True, hidden=True)
def run(
    ctx: Context, windowed: bool, size: tuple[int, int] | None, quit_after_first_tap: bool
) -> None:
    """Start the kiosk (full-screen kiosk mode unless --windowed)."""
    from kiosk.core.config import ConfigError

    try:
        config = ctx.load_config()  # before the kiosk's screens are even imported
        if not windowed and not config.admin_pin_hash:
            # Without a PIN, staff could never leave kiosk mode.
            raise ConfigError(
                "not set; kiosk mode needs it (make one with `kiosk pin-hash`), or use --windowed",
                str(ctx.config_file or ""),
                "admin_pin_hash",
            )
    except ConfigError as exc:
        # The line for a console, and a screen for a kiosk without one (the Windows bundle).
        config_error_line(exc)
        from kiosk.shell.config_error import show_config_error

        sys.exit(show_config_error(exc, windowed, size, quit_after_first_tap))
    from kiosk.shell.launch import run_kiosk

    sys.exit(run_kiosk(config, ctx.data_dir, windowed, size, quit_after_first_tap))


@main.command()
@common_options
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Folder for PNGs.")
@click.option("--size", callback=parse_size, default="1280x800", show_default=True)
@click.option(
    "--pseudo", is_flag=True, help="Every string 40% longer, accented: finds where text is tight."
)
def snapshot(ctx: Context, out: str, size: tuple[int, int], pseudo: bool) -> None:
    """Render every screen, in each language, to <screen>-<lang>.png, offscreen; name each
    text that does not fit its box (on stderr)."""
    from kiosk.shell.snapshot import render_all

    for path in render_all(
        ctx.config, Path(out), size, pseudo, lambda line: click.echo(line, err=True)
    ):
        click.echo(path)


@main.command()
@common_options
@click.option("--cards", type=click.IntRange(1, 10_000_000), required=True, help="How many.")
@click.option(
    "--days", type=click.IntRange(1, 3650), default=30, show_default=True, help="Spread over."
)
@click.option("--random-seed", type=int, default=None, help="Repeatable output.")
def seed(ctx: Context, cards: int, days: int, random_seed: int | None) -> None:
    """Write realistic synthetic cards spread over DAYS days ending today (demos, benchmarks)."""
    import random

    from kiosk.core.card import system_clock
    from kiosk.store.errors import StoreEnvironmentError
    from kiosk.store.seed import seed_cards

    try:
        store = ctx.open_store()
        written = seed_cards(
            store, cards, days, system_clock, random.Random(random_seed), ctx.config
        )
        store.close()
    except StoreEnvironmentError as exc:
        click.echo(f"kiosk seed: {exc}", err=True)
        sys.exit(2)
    click.echo(f"{written} cards written to {ctx.data_dir / 'cards.db'} over {days} days")


@main.command("pin-hash")
@click.option("--pin", prompt=True, hide_input=True, confirmation_prompt=True)
def pin_hash(pin: str) -> None:
    """Print the hash of a manager PIN, for admin_pin_hash in the config file."""
    from kiosk.core.pin import PinError, hash_pin

    try:
        click.echo(f'admin_pin_hash = "{hash_pin(pin)}"')
    except PinError as exc:
        raise click.BadParameter(str(exc), param_hint="--pin") from None
