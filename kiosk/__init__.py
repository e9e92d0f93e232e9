"""School front-office feedback kiosk."""

from sync import __version__

__all__ = ["__version__"]
