"""The `kiosk` command's entry point: a plain `kiosk run` starts without importing click.

Importing click costs about 30 ms, a fifth of a minimal Qt window's whole start, and the
kiosk's autostart runs `kiosk run --config FILE` at every boot. So a `run` whose arguments are
all well-formed is parsed here; anything else (help, a typo, a bad value, another subcommand)
goes to the click CLI in kiosk.cli.main, which parses it again and words any error. A test checks
that this parser knows exactly the options click declares for `run`, and agrees with it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kiosk.cli.size import parse_size

RUN_FLAGS = {"--windowed": "windowed", "--quit-after-first-tap": "quit_after_first_tap"}
RUN_OPTIONS = {"--config": "config_flag", "--data-dir": "data_dir_flag", "--size": "size"}


def plain_run(args: list[str]) -> dict[str, Any] | None:
    """The parameters of a well-formed `run ...` command line, as click would pass them to
    kiosk.cli.main.run; None for any other command line."""
    if not args or args[0] != "run":
        return None
    params: dict[str, Any] = dict.fromkeys(RUN_FLAGS.values(), False)
    params.update(dict.fromkeys(RUN_OPTIONS.values()))
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if arg in RUN_FLAGS:
            params[RUN_FLAGS[arg]] = True
        elif name in RUN_OPTIONS:
            if not equals:
                value = next(rest, "")
            if not value or value.startswith("-"):
                return None  # click decides what a missing or dash-led value means
            params[RUN_OPTIONS[name]] = value
        else:
            return None
    config, data_dir = params["config_flag"], params["data_dir_flag"]
    if (config and Path(config).is_dir()) or (data_dir and Path(data_dir).is_file()):
        return None  # click's Path checks word these
    if params["size"] is not None:
        try:
            params["size"] = parse_size(params["size"])
        except ValueError:
            return None
    return params


def main() -> None:
    params = plain_run(sys.argv[1:])
    if params is None:
        from kiosk.cli.main import main as click_main

        click_main()
        return
    from kiosk.core.paths import resolve_config_file, resolve_data_dir
    from kiosk.shell.launch import run_kiosk

    sys.exit(
        run_kiosk(
            resolve_config_file(params["config_flag"]),
            resolve_data_dir(params["data_dir_flag"]),
            params["windowed"],
            params["size"],
            params["quit_after_first_tap"],
        )
    )
