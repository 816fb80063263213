"""Saving a table as CSV, the same from the order log and the lists: a non-modal save
dialog (no nested event loop), then the model's rows to the file with one status line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.text import count_en
from ..service.status import Severity, StatusChannel
from . import lang_texts  # noqa: F401  (registers the texts)
from .i18n import both
from .messages import error_detail, labelled


def ask_save_csv(parent: QWidget, title: str, name: str,
                 chosen: Callable[[str], object]) -> QFileDialog:
    """Open a save dialog for `name`; `chosen(path)` runs once a file is picked."""
    dialog = QFileDialog(parent, title, name, "CSV (*.csv)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("csv")
    dialog.fileSelected.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def write_csv(write: Callable[[str], int], path: str, status: StatusChannel) -> int:
    """`write(path)` (a model's), said in the status line; 0 rows when it can't be written."""
    try:
        n = write(path)
    except OSError as exc:  # the system's reason (English) goes in the tooltip only
        status.post(labelled("status.error", both("csv.write_failed", path=path)),
                    error_detail(exc), severity=Severity.WARNING)
        return 0
    status.post(both("log.exported", n=n, rows=count_en(n, "row"), path=path))
    return n
