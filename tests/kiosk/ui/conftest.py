"""Every widget test here fails if a stock Qt dialog (file, print, message box...) is shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def stock_dialogs(request: pytest.FixtureRequest) -> Iterator[object]:
    """The watch itself (``.shown``), for the test that proves it sees a dialog."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield None  # a test without widgets (the .ts file, the glossary, the stylesheet's text)
        return
    # Imported here: the tests of this folder that use no widgets run where Qt is absent.
    from no_stock_dialogs import StockDialogWatch
    from PySide6.QtWidgets import QApplication

    app = request.getfixturevalue("qapp")
    assert isinstance(app, QApplication)
    watch = StockDialogWatch()
    app.installEventFilter(watch)
    yield watch
    app.removeEventFilter(watch)
    assert not watch.shown, f"a stock Qt dialog was shown: {', '.join(watch.shown)}"
