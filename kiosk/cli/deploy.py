"""IT's commands: provision, install-autostart, uninstall-autostart, doctor.

Registered in kiosk/cli/main.py with one ``main.add_command(...)`` line each.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from kiosk.core.paths import (
    ENV_CONFIG,
    ENV_DATA_DIR,
    default_log_dir,
    machine_config_file,
    resolve_config_file,
    resolve_data_dir,
    user_config_file,
)


@click.command()
@click.option("--school", required=True, help="School name shown on the welcome screen.")
@click.option(
    "--kiosk-id", required=True, help="This kiosk's id in the district (letters, digits, . _ -)."
)
@click.option("--endpoint", help="District receiver URL, e.g. https://feedback.district.org.")
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File holding this kiosk's token; copied beside the config, readable by its owner only.",
)
@click.option(
    "--pin", "ask_pin", is_flag=True, help="Ask for the manager PIN (hidden) and store its hash."
)
@click.option("--pin-hash", help="A manager PIN hash from `kiosk pin-hash`, for scripts.")
@click.option(
    "--language",
    "languages",
    multiple=True,
    type=click.Choice(["en", "es"]),
    help="Language offered (repeat; the first is the default). Default: en and es.",
)
@click.option(
    "--user", "per_user", is_flag=True, help="Write the per-user config, not the per-machine one."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write this config file instead (the token goes beside it).",
)
@click.option("--owner", help="Linux: the account the kiosk runs as; it will own the token file.")
@click.option("--force", is_flag=True, help="Replace an existing config and token file.")
def provision(
    school: str,
    kiosk_id: str,
    endpoint: str | None,
    token_file: Path | None,
    ask_pin: bool,
    pin_hash: str | None,
    languages: tuple[str, ...],
    per_user: bool,
    out: Path | None,
    owner: str | None,
    force: bool,
) -> None:
    """Write this kiosk's validated config (and token file) to the standard location.

    Per machine by default (Linux: /etc/xdg/feedback-kiosk/config.toml, Windows:
    C:\\ProgramData\\feedback-kiosk\\config.toml); secrets are never printed.
    """
    from kiosk.core.pin import PinError, hash_pin
    from kiosk.deploy.provision import ProvisionError
    from kiosk.deploy.provision import provision as write

    if ask_pin and pin_hash:
        raise click.UsageError("use --pin or --pin-hash, not both")
    if ask_pin:
        pin = click.prompt("Manager PIN", hide_input=True, confirmation_prompt=True)
        try:
            pin_hash = hash_pin(pin)
        except PinError as exc:
            raise click.BadParameter(str(exc), param_hint="--pin") from None
    target = out or (user_config_file() if per_user else machine_config_file())
    if (
        owner is None
        and token_file is not None
        and out is None
        and not per_user
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
    ):
        raise click.UsageError(
            "running as root: pass --owner USER (the account the kiosk runs as), "
            "or the kiosk could not read its token"
        )
    try:
        done = write(
            target,
            school=school,
            kiosk_id=kiosk_id,
            endpoint=endpoint,
            token_source=token_file,
            admin_pin_hash=pin_hash,
            languages=list(languages) or None,
            force=force,
            owner=owner,
        )
    except ProvisionError as exc:
        click.echo(f"kiosk provision: {exc}", err=True)
        sys.exit(1)
    except PermissionError as exc:
        click.echo(
            f"kiosk provision: no permission to write {exc.filename}; run as administrator/root, "
            "or use --user for this user's own config",
            err=True,
        )
        sys.exit(1)
    click.echo(f"config written: {done.config_file}")
    if done.token_file is not None:
        click.echo(f"token written:  {done.token_file} (mode 0600)")
    if done.config.admin_pin_hash is None:
        click.echo("note: no manager PIN set, so the staff area cannot be unlocked (use --pin)")
    click.echo("next: kiosk doctor")


@click.command("install-autostart")
@click.option(
    "--method",
    type=click.Choice(["systemd", "xdg"]),
    help="systemd user unit (restarts a crashed kiosk) or XDG autostart entry. "
    "Default: systemd where systemctl exists.",
)
@click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), help="Pass --config to the kiosk."
)
@click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), help="Pass --data-dir."
)
@click.option("--no-systemctl", is_flag=True, help="Only write the unit; do not run systemctl.")
@click.option("--force", is_flag=True, help="Replace whatever autostart entry is installed.")
def install_autostart(
    method: str | None,
    config: Path | None,
    data_dir: Path | None,
    no_systemctl: bool,
    force: bool,
) -> None:
    """Start the kiosk when this user logs in (Linux). Run it as the kiosk's user.

    On Windows use Task Scheduler or the Startup folder instead (README, "Deploying").
    """
    from kiosk.deploy import autostart

    if sys.platform == "win32":
        raise click.UsageError("on Windows, follow README: Task Scheduler or shell:startup")
    chosen = method or autostart.default_method()
    command = autostart.kiosk_command(config, data_dir)
    try:
        outcome = autostart.install(chosen, command, use_systemctl=not no_systemctl, force=force)
    except FileExistsError as exc:
        click.echo(f"kiosk install-autostart: {exc}", err=True)
        sys.exit(1)
    for path in outcome.removed:
        click.echo(f"removed: {path}")
    for path in outcome.written:
        click.echo(f"written: {path}")
    click.echo(f"starts:  {' '.join(command)}")
    for note in outcome.notes:
        click.echo(f"note: {note}")


@click.command("uninstall-autostart")
@click.option("--no-systemctl", is_flag=True, help="Only remove the files; do not run systemctl.")
def uninstall_autostart(no_systemctl: bool) -> None:
    """Remove the kiosk's autostart entry (systemd user unit and/or XDG autostart)."""
    from kiosk.deploy import autostart

    outcome = autostart.uninstall(use_systemctl=not no_systemctl)
    for path in outcome.removed:
        click.echo(f"removed: {path}")
    for note in outcome.notes:
        click.echo(f"note: {note}")


@click.command()
@click.option(
    "--config",
    "config_flag",
    type=click.Path(dir_okay=False),
    help=f"Config file to check. Env: {ENV_CONFIG}. Default: the one the kiosk would use.",
)
@click.option(
    "--data-dir",
    "data_dir_flag",
    type=click.Path(file_okay=False),
    help=f"Data folder to check. Env: {ENV_DATA_DIR}.",
)
def doctor(config_flag: str | None, data_dir_flag: str | None) -> None:
    """Check this kiosk: config, database, disk, clock, logs, fonts, translations, district.

    One line per check; exits 1 when any check FAILs.
    """
    from kiosk.core.resources import locale_dir
    from kiosk.deploy import doctor as checks
    from kiosk.deploy.buildinfo import build_info

    results = checks.run_checks(
        config_file=resolve_config_file(config_flag),
        data_dir=resolve_data_dir(data_dir_flag),
        log_dir=default_log_dir(),
        locale_dir=locale_dir(),
        build=build_info(),
        now=datetime.now(UTC),
    )
    for check in results:
        click.echo(check.line())
    bad = [c.name for c in results if c.status is checks.Status.FAIL]
    if bad:
        click.echo(f"\n{len(bad)} check(s) failed: {', '.join(bad)}")
        sys.exit(1)
    click.echo("\nall checks passed")
