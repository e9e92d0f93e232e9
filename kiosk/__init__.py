"""School front-office feedback kiosk."""

__version__ = "0.1.0"
