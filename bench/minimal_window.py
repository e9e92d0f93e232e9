"""The floor for start-up: a minimal PySide6 window, shown, quit on its first paint.

Run as a whole process by bench/startup.py, next to `kiosk run --quit-after-first-tap`; like
the kiosk, it prints the monotonic clock at its first paint.
With --print-rss it prints its own VmRSS and VmHWM (KiB, from /proc/self/status) on the way out,
for bench/memory.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class _QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = QLabel("How was your visit today?")
    watcher = _QuitOnFirstPaint(label)
    label.installEventFilter(watcher)
    label.resize(1280, 800)
    label.show()
    code = app.exec()
    if "--print-rss" in sys.argv[1:]:
        lines = Path("/proc/self/status").read_text().splitlines()
        status = dict(line.split(":", 1) for line in lines)
        print("VmRSS", status["VmRSS"].split()[0], "VmHWM", status["VmHWM"].split()[0])
    return code


if __name__ == "__main__":
    sys.exit(main())
