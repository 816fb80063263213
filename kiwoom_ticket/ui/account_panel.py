"""The 계좌 / Account box under the ticket: orderable cash and the holdings table.
Gains are red and losses blue (the Korean convention); double-clicking a holding asks
for the Sell tab filled with it."""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import Text
from ..service import AccountSnapshot, Holding
from . import theme
from .i18n import language, tr
from .lang_texts import won

Index = QModelIndex | QPersistentModelIndex


class HoldingColumn(IntEnum):
    STOCK = 0
    QUANTITY = 1
    SELLABLE = 2
    AVG_PRICE = 3
    CURRENT = 4
    PROFIT = 5
    RATE = 6


HEADER_KEYS = {
    HoldingColumn.STOCK: "acct.col.stock", HoldingColumn.QUANTITY: "acct.col.quantity",
    HoldingColumn.SELLABLE: "acct.col.sellable", HoldingColumn.AVG_PRICE: "acct.col.avg_price",
    HoldingColumn.CURRENT: "acct.col.current", HoldingColumn.PROFIT: "acct.col.profit",
    HoldingColumn.RATE: "acct.col.rate",
}
TOOLTIP_KEYS = {  # the short headers' full names
    HoldingColumn.STOCK: "acct.tip.stock", HoldingColumn.QUANTITY: "acct.tip.quantity",
    HoldingColumn.SELLABLE: "acct.tip.sellable", HoldingColumn.AVG_PRICE: "acct.tip.avg_price",
    HoldingColumn.CURRENT: "acct.tip.current", HoldingColumn.PROFIT: "acct.tip.profit",
    HoldingColumn.RATE: "acct.tip.rate",
}


def gain_colour(value: float):
    """Korean convention: up is red, down is blue, flat is the default colour."""
    if value > 0:
        return theme.BUY
    if value < 0:
        return theme.SELL
    return None


def signed_won(n: int) -> str:
    return f"{n:+,}" if n else "0"


class HoldingsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Holding, ...] = ()

    def set_holdings(self, holdings: tuple[Holding, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(holdings)
        self.endResetModel()

    def holding(self, row: int) -> Holding | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, holding: Holding) -> int | None:
        """The row showing `holding`'s stock now (None: no longer shown)."""
        return next((i for i, h in enumerate(self._rows) if h.code == holding.code), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HoldingColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HoldingColumn):
            return None
        col = HoldingColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADER_KEYS[col])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(TOOLTIP_KEYS[col])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        h = self._rows[index.row()]
        col = HoldingColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(h, col)
        if role == Qt.ItemDataRole.ForegroundRole and col in (HoldingColumn.PROFIT,
                                                               HoldingColumn.RATE):
            colour = gain_colour(h.profit if col is HoldingColumn.PROFIT else h.profit_rate)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col is not HoldingColumn.STOCK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col is HoldingColumn.STOCK:
            return f"{h.code} {h.name}".strip()
        return None

    @staticmethod
    def cell_text(h: Holding, col: HoldingColumn) -> str:
        match col:
            case HoldingColumn.STOCK:
                return h.name or h.code
            case HoldingColumn.QUANTITY:
                return f"{h.quantity:,}"
            case HoldingColumn.SELLABLE:
                return f"{h.sellable:,}"
            case HoldingColumn.AVG_PRICE:
                return f"{h.avg_price:,}"
            case HoldingColumn.CURRENT:
                return f"{h.current_price:,}"
            case HoldingColumn.PROFIT:
                return signed_won(h.profit)
            case HoldingColumn.RATE:
                return f"{h.profit_rate:+.2f}%" if h.profit_rate else "0.00%"
        return ""

    def refresh_language(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HoldingColumn) - 1)


class AccountPanel(QGroupBox):
    holding_activated = Signal(object)  # Holding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountPanel")
        self.snapshot: AccountSnapshot | None = None
        self._prices: dict[str, int] = {}  # the quote line's latest, by code
        self._state_key: str | None = None
        self._state_args: dict[str, Text | str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.cash = QLabel()
        self.cash.setObjectName("orderableCash")
        self.total = QLabel()
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.cash)
        top.addStretch(1)
        top.addWidget(self.total)
        layout.addLayout(top)
        self.state = QLabel()
        self.state.setStyleSheet(theme.MUTED_STYLE)
        self.state.setWordWrap(True)
        self.state.hide()
        layout.addWidget(self.state)

        self.model = HoldingsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on (to the 호가창), arrows move rows
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            max(22, self.table.fontMetrics().height() + 6))  # from the font, not pixels
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(int(HoldingColumn.STOCK), QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.doubleClicked.connect(self._double_clicked)
        layout.addWidget(self.table, 1)
        self.hint = QLabel()
        self.hint.setStyleSheet(theme.MUTED_STYLE + " font-size: 8pt;")
        layout.addWidget(self.hint)
        self.retranslate()

    def show_snapshot(self, snapshot: AccountSnapshot | None) -> None:
        if snapshot is not None and self._prices:
            snapshot = replace(snapshot, holdings=tuple(
                priced(h, self._prices.get(h.code)) for h in snapshot.holdings))
        self.snapshot = snapshot
        self.model.set_holdings(snapshot.holdings if snapshot else ())
        self._set_state(None if snapshot is None or snapshot.holdings else "acct.none")
        self._render_totals()

    def set_price(self, code: str, price: int | None) -> None:
        """The price the quote line shows for `code` (a lookup, a live trade): the
        holdings' 현재가 and P/L follow it at once, never a poll behind."""
        if not price or price <= 0:
            return
        self._prices[code] = price
        snap = self.snapshot
        if snap is None or not any(h.code == code and h.current_price != price
                                   for h in snap.holdings):
            return
        self.show_snapshot(snap)

    def forget_prices(self) -> None:
        """Another environment: its prices are not this one's."""
        self._prices.clear()

    def show_loading(self) -> None:
        if self.snapshot is None:
            self._set_state("acct.loading")

    def show_error(self, message: Text, detail: str = "") -> None:
        """A failed lookup in plain words (the UI language); the tooltip has the other
        language and the raw detail."""
        self._set_state("acct.failed", message=message)
        self.state.setToolTip(f"{message.get(language.code)}\n{detail}".strip())

    def _set_state(self, key: str | None, **args: Text | str) -> None:
        self._state_key, self._state_args = key, args
        self.state.setVisible(key is not None)
        values = {k: v.get(language.code) if isinstance(v, Text) else v for k, v in args.items()}
        self.state.setText(tr(key, **values) if key else "")
        self.state.setToolTip("")

    def _render_totals(self) -> None:
        snap = self.snapshot
        cash = won(snap.orderable_cash, bold=True) if snap else "—"
        self.cash.setText(f"{tr('acct.orderable')} {cash}")
        if snap is None or not snap.holdings:
            self.total.clear()
            return
        total = snap.total_profit
        colour = gain_colour(total)
        style = f" style='color:{colour.name()}'" if colour is not None else ""
        self.total.setText(f"{tr('acct.total_profit')} <b{style}>{signed_won(total)}</b>")

    def _double_clicked(self, index: QModelIndex) -> None:
        holding = self.model.holding(index.row())
        if holding is not None:
            self.holding_activated.emit(holding)

    def retranslate(self) -> None:
        self.setTitle(tr("acct.title"))
        self.hint.setText(tr("acct.hint"))
        self.model.refresh_language()
        self._render_totals()
        self._set_state(self._state_key, **self._state_args)


def priced(h: Holding, price: int | None) -> Holding:
    """`h` at `price`: its P/L moved by the change (Kiwoom's own fees and taxes in its
    평가손익 are kept), the return recomputed on the cost."""
    if not price or price == h.current_price:
        return h
    profit = h.profit + (price - h.current_price) * h.quantity
    cost = h.avg_price * h.quantity
    rate = profit * 100 / cost if cost else h.profit_rate
    return replace(h, current_price=price, profit=profit, profit_rate=rate)
