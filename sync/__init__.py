"""The v1 wire protocol between kiosks and the district server, and the kiosk's HTTP client.

Imports nothing from ``kiosk`` or the district server: both build on it.
"""

import logging

# The product's version, in one place: the kiosk and the district server ship together and both
# depend on this package (kiosk.__version__ and the server's OpenAPI document re-export it).
__version__ = "0.1.0"

# A library's logs go where the application sends them; with none configured, stay quiet
# rather than print through logging's last-resort handler (``kiosk sync`` prints its own line).
logging.getLogger("sync").addHandler(logging.NullHandler())
