"""Qt-free sync to the district: the v1 wire protocol, the uploader and a reference receiver."""

import logging

# A library's logs go where the application sends them; with none configured, stay quiet
# rather than print through logging's last-resort handler (``kiosk sync`` prints its own line).
logging.getLogger("sync").addHandler(logging.NullHandler())
