"""The Qt binding must not leak or drop references on ordinary calls.

PySide6 6.12.0 drops a reference to None on every call of a void method (QTimer.stop(),
setObjectName(), ...). On Python 3.11, where None is refcounted like any object, a kiosk makes
enough such calls in a few hundred visits to bring None's count to zero, and the interpreter
aborts ("Fatal Python error: none_dealloc"). pyproject.toml excludes that release; this test
catches a release with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer


def test_void_calls_keep_none_alive() -> None:
    timer = QTimer()
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        timer.stop()
        obj.setObjectName("probe")
    after = sys.getrefcount(None)
    # Python 3.12+ reports a constant for immortal None; 3.11 shows the drift directly.
    assert after - before > -100, f"None lost {before - after} references in 2000 void calls"
