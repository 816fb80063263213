"""Saving a table as CSV, the same from the order log and the lists: a non-modal save
dialog (no nested event loop), then the model's rows to the file with one status line.
What a table writes is declared with its columns (table_columns.py: CsvField each);
`write_fields` is the one writer."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.text import count_en
from ..service.status import Severity, StatusChannel
from . import lang_texts  # noqa: F401  (registers the texts)
from .i18n import both, tr
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


# What Excel (Korean Windows) opens as meant: UTF-8 with a BOM (else Hangul is mojibake),
# one column per field, numbers as numbers (never "209,000" as text), codes with their
# leading zeros (="005930"; a bare 005930 would become 5930), and no cell read as a
# formula (a stock name or a server's message starting with "=", "+", "-" or "@").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+|-?\d+")


def excel_cell(value: object, *, code: bool = False) -> object:
    """One cell as Excel should read it. `code`: digits that are an identifier (a stock
    code, an order number), kept as text with their zeros."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if code and text.isdigit():
        return f'="{text}"'
    if text[:1] in _FORMULA_START:
        return "'" + text
    return text


def as_number(text: str) -> int | str:
    """'209,000' -> 209000; anything else (a blank, '0 (전량)') as it is."""
    return int(text.replace(",", "")) if _GROUPED.fullmatch(text) else text


def write_table(path: str | Path, header: list[str], rows: Iterable[list[object]],
                codes: frozenset[int] = frozenset()) -> int:
    """`rows` under `header` into `path`; the columns in `codes` are identifiers."""
    n = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        out = csv.writer(f)
        out.writerow(header)
        for row in rows:
            out.writerow([excel_cell(v, code=i in codes) for i, v in enumerate(row)])
            n += 1
    return n


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class CsvField(Generic[T]):
    """One CSV column: its header (a catalogue key, said in the UI's language; or, when
    `literal`, written as it is) and what an item writes there. `code`: an identifier
    (a stock code, an order number), kept as text with its zeros."""

    header: str
    value: Callable[[T], object]
    code: bool = False
    literal: bool = False

    def title(self) -> str:
        return self.header if self.literal else tr(self.header)


def write_fields(path: str | Path, fields: Sequence[CsvField[T]], items: Iterable[T]) -> int:
    """`items`, one row each, under `fields` (the one way a table becomes a CSV)."""
    codes = frozenset(i for i, f in enumerate(fields) if f.code)
    rows = ([f.value(item) for f in fields] for item in items)
    return write_table(path, [f.title() for f in fields], rows, codes)
