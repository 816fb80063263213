"""A table's columns declared as data: what each column is called (a catalogue key, so
its header follows the UI's language), what a cell says, how it is aligned, painted,
sorted and written to a CSV, how wide it starts and the longest texts it must hold.

The order log, 미체결 and 체결 (and any list after them) are one declaration each
(a TableSpec) read by one model base (table_model.TableModel), one painter
(row_table.RowTable) and one CSV writer (csv_export.write_fields). Adding a list is a
TableSpec and a row source; nothing else learns about it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtGui import QBrush

from ..domain.orders import Action
from . import theme
from .csv_export import CsvField, as_number
from .i18n import tr

T = TypeVar("T")


class Align(Enum):
    LEFT = "left"
    RIGHT = "right"  # numbers: their digits line up


class Export(Enum):
    """How a column goes into the CSV when it declares no fields of its own."""

    NUMBER = "number"  # '209,000' as the number 209000; other texts as they are
    CODE = "code"  # an identifier (an order number): text, zeros kept
    STOCK = "stock"  # '005930 삼성전자' as two columns, code and name
    TEXT = "text"  # as shown
    NONE = "none"  # not written


@dataclass(frozen=True, slots=True)
class TableColumn(Generic[T]):
    """One column. `key` names it in code (and must match the table's index enum, if it
    has one); `header` is a catalogue key. Functions take the row's item."""

    key: str
    header: str
    text: Callable[[T], str]
    align: Align = Align.LEFT
    header_tip: str | None = None  # catalogue key of the header's tooltip
    colour: Callable[[T], QBrush | None] | None = None  # the text's colour (None: the palette's)
    tip: Callable[[T], str | None] | None = None  # a cell's tooltip
    sort: Callable[[T], Any] | None = None  # what a header click sorts by (None: the text)
    export: Export = Export.NUMBER
    csv: tuple[CsvField[T], ...] | None = None  # written instead of `export`'s default
    width: int = 64  # starting width in px; widened to `samples` in the UI's font
    samples: Callable[[], Sequence[str]] | None = None  # the longest texts it holds

    def sort_key(self, item: T) -> Any:
        return self.sort(item) if self.sort is not None else self.text(item)

    def csv_fields(self, stock: Callable[[T], tuple[str, str]] | None) -> tuple[CsvField[T], ...]:
        if self.csv is not None:
            return self.csv
        text = self.text
        match self.export:
            case Export.NONE:
                return ()
            case Export.CODE:
                return (CsvField(self.header, text, code=True),)
            case Export.TEXT:
                return (CsvField(self.header, text),)
            case Export.STOCK if stock is not None:
                return (CsvField("csv.code", lambda i: stock(i)[0], code=True),
                        CsvField("csv.name", lambda i: stock(i)[1]))
        return (CsvField(self.header, lambda i: as_number(text(i))),)


@dataclass(frozen=True, slots=True)
class TableSpec(Generic[T]):
    """A whole table: its columns in screen order, the key that finds an item's row (an
    update replaces that row in place), and for a list with a filter bar the item's stock
    (code, name) and side. The CSV is `csv_before`, each column's fields (in
    `csv_order` by column key, or as on screen), then `csv_after`."""

    columns: tuple[TableColumn[T], ...]
    key: Callable[[T], Hashable]
    stock: Callable[[T], tuple[str, str]] | None = None
    side: Callable[[T], Action | None] | None = None
    csv_before: tuple[CsvField[T], ...] = ()
    csv_after: tuple[CsvField[T], ...] = ()
    csv_order: tuple[str, ...] | None = None
    index: type[IntEnum] | None = None  # the enum code indexes columns by, checked here
    right: frozenset[int] = field(init=False)
    column_csv: tuple[tuple[CsvField[T], ...], ...] = field(init=False)  # each column's
    csv: tuple[CsvField[T], ...] = field(init=False)  # the whole CSV, in its order

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"a column key twice: {keys}")
        if self.index is not None:
            named = [m.name.lower() for m in sorted(self.index, key=int)]
            if named != keys:
                raise ValueError(f"{self.index.__name__} {named} is not the columns {keys}")
        right = frozenset(i for i, c in enumerate(self.columns) if c.align is Align.RIGHT)
        object.__setattr__(self, "right", right)
        column_csv = tuple(c.csv_fields(self.stock) for c in self.columns)
        object.__setattr__(self, "column_csv", column_csv)
        order = [self.column(k) for k in self.csv_order] if self.csv_order is not None \
            else range(len(self.columns))
        fields = [f for i in order for f in column_csv[i]]
        object.__setattr__(self, "csv", (*self.csv_before, *fields, *self.csv_after))

    def __len__(self) -> int:
        return len(self.columns)

    def column(self, key: str) -> int:
        """The index of the column named `key`."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def widths(self) -> dict[int, int]:
        return {i: c.width for i, c in enumerate(self.columns)}

    def samples(self) -> dict[int, list[str]]:
        """The longest texts each short column holds, in the UI's language now."""
        return {i: list(c.samples()) for i, c in enumerate(self.columns)
                if c.samples is not None}


SIDE_BRUSHES = {Action.BUY: QBrush(theme.BUY), Action.SELL: QBrush(theme.SELL)}


def side_colour(side: Callable[[T], Action | None]) -> Callable[[T], QBrush | None]:
    """A side column's paint: buy red, sell blue (as the ladder and the tabs)."""

    def colour(item: T) -> QBrush | None:
        found = side(item)
        return SIDE_BRUSHES.get(found) if found is not None else None

    return colour


def texts(*keys: str) -> Callable[[], list[str]]:
    """Samples that are catalogue texts (said in the language of the moment)."""
    return lambda: [tr(k) for k in keys]


def fixed(*samples: str) -> Callable[[], list[str]]:
    return lambda: list(samples)
