"""The print sheet: the installed printers in a large list, copies, and a preview of the first
pages, instead of the desktop print dialog; a plain sentence when there is no printer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageSize, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QGraphicsView,
    QHBoxLayout,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.manager.widgets import button, label, touch_scroll
from kiosk.ui.sheet import Sheet

MAX_COPIES = 20
PREVIEW_PAGES = 2
PREVIEW_WIDTH = 260  # px of each page's picture (A4: about 370 px tall)
NARROW_WIDTH = 1000  # below this the preview goes under the printers, not beside them


def installed_printers() -> list[str]:
    """The system's printers, the default one first."""
    names = QPrinterInfo.availablePrinterNames()
    default = QPrinterInfo.defaultPrinterName()
    return sorted(names, key=lambda n: (n != default, n.casefold()))


def printer_named(name: str, copies: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    printer.setCopyCount(copies)
    return printer


def preview_images(
    paint: Callable[[QPrinter], object], paper: QPageSize.PageSizeId, pages: int, width: int
) -> list[QImage]:
    """The first ``pages`` pages as pictures ``width`` px wide, painted as they are printed.

    Qt's preview widget records the pages (it is never shown); its scene holds one item per
    page, the page at the item's position with the paper's size.
    """
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setPageSize(QPageSize(paper))
    recorder = QPrintPreviewWidget(printer)
    try:
        recorder.paintRequested.connect(paint)
        recorder.updatePreview()
        view = recorder.findChild(QGraphicsView)
        if view is None:
            return []
        scene = view.scene()
        sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
        items = sorted(
            (i for i in scene.items() if i.parentItem() is None), key=lambda i: i.pos().y()
        )
        images = []
        for item in items[:pages]:
            height = round(width * sheet.height() / sheet.width())
            image = QImage(width, height, QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            scene.render(painter, QRectF(image.rect()), QRectF(item.pos(), sheet.size()))
            painter.end()
            images.append(image)
        return images
    finally:
        recorder.deleteLater()


class PrintSheet(Sheet):
    print_requested = Signal(str, int)  # printer name, copies
    preview_shown = Signal()  # the preview's pages are in place (none if the days would not read)

    def __init__(
        self, host: QWidget, list_printers: Callable[[], list[str]] = installed_printers
    ) -> None:
        super().__init__(host)
        self.setObjectName("PrintSheet")
        self.list_printers = list_printers
        self.copies = 1
        self.printers = QListWidget()
        self.printers.setObjectName("PrinterList")
        self.printers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        touch_scroll(self.printers)
        self.none = label("ErrorText")
        self.copies_label = label("FieldLabel")
        self.fewer = button("CopiesStep")
        self.fewer.setText("−")
        self.copies_shown = label("CopiesShown")
        self.copies_shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more = button("CopiesStep")
        self.more.setText("+")
        self.preview_label = label("FieldLabel")
        self.pages = [label("PreviewPage") for _ in range(PREVIEW_PAGES)]
        self.status = label("StatusText")
        self.cancel_button = button("SecondaryButton")
        self.print_button = button("PrimaryButton")

        copies = QHBoxLayout()
        copies.addWidget(self.copies_label)
        copies.addStretch(1)
        copies.addWidget(self.fewer)
        copies.addWidget(self.copies_shown)
        copies.addWidget(self.more)
        choose = QVBoxLayout()
        choose.addWidget(self.printers, 1)
        choose.addWidget(self.none)
        choose.addLayout(copies)
        pictures = QHBoxLayout()
        for page in self.pages:
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pictures.addWidget(page)
        preview = QVBoxLayout()
        preview.addWidget(self.preview_label)
        preview.addLayout(pictures)
        preview.addStretch(1)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(24)
        self.columns.addLayout(choose, 1)
        self.columns.addLayout(preview)
        actions = QHBoxLayout()
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        self.body.addLayout(self.columns, 1)
        self.body.addWidget(self.status)
        self.body.addLayout(actions)

        self.fewer.clicked.connect(lambda: self.set_copies(self.copies - 1))
        self.more.clicked.connect(lambda: self.set_copies(self.copies + 1))
        self.cancel_button.clicked.connect(self.cancel)
        self.print_button.clicked.connect(self._print)
        self.printers.currentRowChanged.connect(lambda _row: self._enable())
        self.retranslate()

    def open_sheet(self) -> None:
        self.printers.clear()
        self.printers.addItems(self.list_printers())
        if self.printers.count():
            self.printers.setCurrentRow(0)
        self.set_copies(1)
        self.status.clear()
        self.status.hide()
        for page in self.pages:
            page.clear()
            page.hide()
        self.retranslate()
        self.open()

    def set_copies(self, copies: int) -> None:
        self.copies = max(1, min(MAX_COPIES, copies))
        self.copies_shown.setText(str(self.copies))
        self.fewer.setEnabled(self.copies > 1)
        self.more.setEnabled(self.copies < MAX_COPIES)

    def show_preview(self, images: list[QImage]) -> None:
        for page, image in zip(self.pages, [*images, None, None], strict=False):
            if image is None:
                page.clear()
                page.hide()
            else:
                page.setPixmap(QPixmap.fromImage(image))
                page.show()
        self.retranslate()
        self.preview_shown.emit()

    def chosen_printer(self) -> str | None:
        item = self.printers.currentItem()
        return item.text() if item is not None else None

    def _enable(self) -> None:
        self.print_button.setEnabled(self.chosen_printer() is not None)

    def _print(self) -> None:
        name = self.chosen_printer()
        if name is not None:
            self.print_requested.emit(name, self.copies)

    def set_busy(self, busy: bool) -> None:
        for b in (self.print_button, self.fewer, self.more, self.printers):
            b.setEnabled(not busy)
        if not busy:
            self._enable()
            self.set_copies(self.copies)

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < NARROW_WIDTH
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Print the report"))
        has_printer = self.printers.count() > 0
        self.printers.setVisible(has_printer)
        self.none.setVisible(not has_printer)
        self.none.setText(
            self.tr(
                "No printer is set up on this computer. Ask IT to add one, or save the PDF "
                "report on a USB stick and print it elsewhere."
            )
        )
        self.copies_label.setText(self.tr("Copies"))
        self.fewer.setAccessibleName(self.tr("One copy fewer"))
        self.more.setAccessibleName(self.tr("One copy more"))
        shown = any(p.isVisibleTo(self) for p in self.pages)
        self.preview_label.setText(
            self.tr("Preview: the first pages") if shown else self.tr("Preparing the preview…")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.print_button.setText(self.tr("Print"))
        self._enable()
