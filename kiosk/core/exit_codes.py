"""The kiosk's exit statuses, for IT's service manager and scripts (the README lists them)."""

EXIT_CONFIG = 2  # the config file is missing a setting or has a bad one: fix it, then start again
EXIT_ALREADY_RUNNING = 3  # another kiosk holds this data folder
EXIT_CRASHED = 70  # EX_SOFTWARE: an internal error; the autostart restarts the kiosk
