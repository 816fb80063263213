"""The 호가창 (order book ladder): ten asks above, ten bids below, the account's open
orders as badges at their prices. One widget, one paintEvent: each row is a cached
pixmap (ui/ladder_paint.py), and a change repaints only the rows whose look changed.

Mouse: a click on a level gives its price (`price_clicked`), a double-click
`price_double_clicked`; a badge dragged to another level asks to modify that order
(`modify_requested(record, price)`), its × to cancel it (`cancel_requested(record)`).
Keyboard, when the ladder has the focus (Tab; a click leaves the focus in the ticket so
Enter still sends): Up/Down, PageUp/PageDown move between levels, Enter gives the price,
Esc hands the focus back (`escape_pressed`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from ..domain.ladder_rows import ROWS, LadderRow, OwnOrder, bar_scale, ladder_rows
from ..domain.market_depth import Depth
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.ticks import is_on_tick, ticks_between
from . import ladder_texts  # noqa: F401 - registers the texts
from .i18n import pick, signed_ticks, tr
from .ladder_paint import MUTED, RowPainter, badge_rect, close_rect

MIN_ROW, MAX_ROW = 14, 26
EXTRA_ROWS = 3  # the header, the totals, the expected price / note line
_KEYS_UP = {Qt.Key.Key_Up: 1, Qt.Key.Key_PageUp: 5}
_KEYS_DOWN = {Qt.Key.Key_Down: 1, Qt.Key.Key_PageDown: 5}


class LadderView(QWidget):
    price_clicked = Signal(int)
    price_double_clicked = Signal(int)
    modify_requested = Signal(object, int)  # OrderRecord, new price
    cancel_requested = Signal(object)  # OrderRecord
    escape_pressed = Signal()
    painted = Signal(list)  # the rects of each paint's region (tests, the bench)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(200, MIN_ROW * (ROWS + EXTRA_ROWS))
        self._depth = Depth.blank()
        self._last: int | None = None
        self._orders: list[OwnOrder] = []
        self._note = ""  # said in the last line when there is nothing else to say
        self._rows: tuple[LadderRow, ...] = ladder_rows(self._depth)
        self._scale = 1
        self._focus: int | None = None  # the keyboard's level (row index)
        self._press: tuple | None = None  # what the mouse went down on
        self._drop: int | None = None  # the row a dragged badge is over
        self._painter: RowPainter | None = None
        self._cache: dict[int, tuple[tuple, QPixmap]] = {}
        self._header: tuple[tuple, QPixmap] | None = None
        self._footer: tuple[tuple, QPixmap] | None = None

    # ---- what the ladder shows --------------------------------------------------------

    @property
    def depth(self) -> Depth:
        return self._depth

    @property
    def rows(self) -> tuple[LadderRow, ...]:
        return self._rows

    @property
    def orders(self) -> list[OwnOrder]:
        return self._orders

    def set_depth(self, depth: Depth) -> None:
        self._depth = depth
        self._rebuild()

    def set_last_price(self, price: int | None) -> None:
        if price != self._last:
            self._last = price or None
            self._rebuild()

    def set_orders(self, orders: Iterable[OwnOrder]) -> None:
        orders = list(orders)
        if orders != self._orders:
            self._orders = orders
            self._rebuild()

    def set_note(self, text: str) -> None:
        if text != self._note:
            self._note = text
            self.update(self._footer_rect())  # the footer's pixmap follows at the paint

    def clear(self, note: str = "") -> None:
        """No book (another stock, no stock): empty rows and `note`."""
        self._depth, self._last, self._focus = Depth.blank(), None, None
        self._note = note
        self._rebuild()
        self.update(self._footer_rect())

    def _rebuild(self) -> None:
        rows = ladder_rows(self._depth, self._last, self._orders)
        scale = bar_scale(max((r.level.qty for r in rows), default=0))
        old_rows, old_scale = self._rows, self._scale
        self._rows, self._scale = rows, scale
        for i, row in enumerate(rows):
            if scale != old_scale or row != old_rows[i]:
                self.update(self.row_rect(i))
        if self._footer is None or self._footer[0] != self._footer_key():
            self.update(self._footer_rect())

    # ---- geometry -----------------------------------------------------------------------

    def row_height(self) -> int:
        return max(MIN_ROW, min(MAX_ROW, self.height() // (ROWS + EXTRA_ROWS)))

    def row_rect(self, index: int) -> QRect:
        h = self.row_height()
        return QRect(0, h * (index + 1), self.width(), h)

    def _footer_rect(self) -> QRect:
        h = self.row_height()
        return QRect(0, h * (ROWS + 1), self.width(), 2 * h)

    def row_at(self, y: int) -> int | None:
        i = y // self.row_height() - 1
        return i if 0 <= i < ROWS else None

    def level_rect(self, price: int) -> QRect | None:
        """The row of `price` (widget coordinates), if the ladder shows it."""
        for i, row in enumerate(self._rows):
            if row.price == price:
                return self.row_rect(i)
        return None

    def badge_rect(self, price: int, side: Action) -> QRect | None:
        rect = self.level_rect(price)
        if rect is None:
            return None
        return badge_rect(self._geometry().cols, side, rect.height()).translated(rect.topLeft())

    def close_rect(self, price: int, side: Action) -> QRect | None:
        rect = self.level_rect(price)
        if rect is None:
            return None
        return close_rect(self._geometry().cols, side, rect.height()).translated(rect.topLeft())

    def _geometry(self) -> RowPainter:
        dpr = self.devicePixelRatioF()
        p = self._painter
        if p is None or (p.width, p.height, p.dpr) != (self.width(), self.row_height(), dpr):
            p = self._painter = RowPainter(self.font(), max(self.width(), 1), self.row_height(),
                                           dpr)
            self._cache.clear()
            self._header = self._footer = None
        return p

    def sizeHint(self) -> QSize:
        return QSize(240, 22 * (ROWS + EXTRA_ROWS))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._painter = None  # made again, for the new size, at the next paint

    def retranslate(self) -> None:
        self._header = self._footer = None
        self.update()

    # ---- painting -----------------------------------------------------------------------

    def _footer_key(self) -> tuple:
        d = self._depth
        line = (tr("ladder.expected", price=f"{d.expected_price:,}", qty=f"{d.expected_qty:,}")
                if d.has_expected else self._note)
        return (tr("ladder.total"), d.ask_total, d.bid_total, line)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the header, the rows and the footer the update region touches, each from
        its pixmap (made again only when its look changed)."""
        rp = self._geometry()
        rects = list(event.region())
        p = QPainter(self)
        h = rp.height
        indices: set[int] = set()
        for area in rects:
            p.fillRect(area, self.palette().window())
            indices.update(range(max(0, area.top() // h - 1),
                                 min(ROWS - 1, area.bottom() // h - 1) + 1))
        if any(area.top() < h for area in rects):
            labels = tuple(tr(f"ladder.col.{k}") for k in ("sells", "asks", "price", "bids",
                                                            "buys"))
            if self._header is None or self._header[0] != labels:
                self._header = (labels, rp.header(labels))  # type: ignore[arg-type]
            p.drawPixmap(0, 0, self._header[1])
        for i in sorted(indices):
            row = self._rows[i]
            key = (row, self._scale, i == self._focus, i == self._drop)
            cached = self._cache.get(i)
            if cached is None or cached[0] != key:
                cached = self._cache[i] = (key, rp.row(row, self._scale, *key[2:]))
            p.drawPixmap(0, h * (i + 1), cached[1])
        footer = self._footer_rect()
        if any(area.intersects(footer) for area in rects):
            key = self._footer_key()
            if self._footer is None or self._footer[0] != key:
                self._footer = (key, rp.footer(*key))
            p.drawPixmap(footer.topLeft(), self._footer[1])
        if self.hasFocus() and self._focus is None:
            p.setPen(MUTED)
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()
        self.painted.emit(rects)

    # ---- mouse --------------------------------------------------------------------------

    def _hit(self, pos: QPoint) -> tuple | None:
        """("close" | "badge", record, row) or ("price", None, row), or None."""
        i = self.row_at(pos.y())
        if i is None or not self._rows[i].price:
            return None
        row = self._rows[i]
        for side in (Action.SELL, Action.BUY):
            badge = row.badge(side)
            if badge is None:
                continue
            if self.close_rect(row.price, side).contains(pos):  # type: ignore[union-attr]
                return ("close", badge.record, i)
            if self.badge_rect(row.price, side).contains(pos):  # type: ignore[union-attr]
                return ("badge", badge.record, i)
        return ("price", None, i)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is not Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        hit = self._hit(event.position().toPoint())
        self._press = None if hit is None else (*hit, event.position().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        press = self._press
        if press is None or press[0] != "badge":
            hit = self._hit(pos)
            cursor = (Qt.CursorShape.OpenHandCursor if hit and hit[0] == "badge"
                      else Qt.CursorShape.PointingHandCursor if hit
                      else Qt.CursorShape.ArrowCursor)
            self.setCursor(cursor)
            return
        if self._drop is None and ((pos - press[3]).manhattanLength()
                                   < QApplication.startDragDistance()):
            return
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self._set_drop(self.row_at(pos.y()))
        self._say_move(press[1], event.globalPosition().toPoint())

    def _say_move(self, record: OrderRecord, at: QPoint) -> None:
        """Beside the dragged badge: old → new price and the distance in ticks."""
        new = self._rows[self._drop].price if self._drop is not None else 0
        old = record.price or 0
        if not new or not old or new == old:
            QToolTip.hideText()
            return
        moved = f"{old:,} → {new:,}"
        if is_on_tick(old) and is_on_tick(new):
            moved += f" ({signed_ticks(ticks_between(old, new))})"
        QToolTip.showText(at, moved, self)

    def _set_drop(self, index: int | None) -> None:
        if index is not None and not self._rows[index].price:
            index = None
        if index != self._drop:
            for i in (self._drop, index):
                if i is not None:
                    self.update(self.row_rect(i))
            self._drop = index

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        dropped, dragging = self._drop, self._drop is not None
        self._set_drop(None)
        if press is None or event.button() is not Qt.MouseButton.LeftButton:
            return
        kind, record, index, _at = press
        pos = event.position().toPoint()
        QToolTip.hideText()
        if kind == "close":
            if self._hit(pos) == (kind, record, index):
                self.cancel_requested.emit(record)
        elif kind == "badge" and dragging:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            price = self._rows[dropped].price if dropped is not None else 0
            if price and price != record.price:
                self.modify_requested.emit(record, price)
        elif self.row_at(pos.y()) == index:
            self._click(index)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position().toPoint())
        self._press = None  # the release that follows is not a second click
        if event.button() is Qt.MouseButton.LeftButton and hit is not None and hit[0] == "price":
            self._click(hit[2])  # as a click would (it may not have come as one)
            self.price_double_clicked.emit(self._rows[hit[2]].price)
        event.accept()

    def _click(self, index: int) -> None:
        self._set_focus(index)
        self.price_clicked.emit(self._rows[index].price)

    def event(self, event: QEvent) -> bool:
        if event.type() is QEvent.Type.ToolTip:
            hit = self._hit(event.pos())  # type: ignore[attr-defined]
            if hit is not None and hit[0] in ("badge", "close"):
                QToolTip.showText(event.globalPos(),  # type: ignore[attr-defined]
                                  self._badge_tip(hit[1], hit[2]), self)
                return True
        return super().event(event)

    def _badge_tip(self, record: OrderRecord, index: int) -> str:
        row = self._rows[index]
        badge = row.sell if row.sell and row.sell.record is record else row.buy
        side = badge.side if badge else Action.BUY
        qty = record.open_qty
        tip = tr("ladder.badge_tip", side=pick(side.label), no=record.ord_no or "",
                 qty=f"{qty:,}", price=f"{row.price:,}")
        if badge is not None and badge.count > 1:
            tip += "\n" + tr("ladder.badge_more", n=badge.count)
        return tip

    # ---- keyboard -----------------------------------------------------------------------

    def _set_focus(self, index: int | None) -> None:
        if index != self._focus:
            for i in (self._focus, index):
                if i is not None:
                    self.update(self.row_rect(i))
            self._focus = index

    def focused_price(self) -> int | None:
        return self._rows[self._focus].price if self._focus is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = -_KEYS_UP.get(key, 0) or _KEYS_DOWN.get(key, 0)
        priced = [i for i, r in enumerate(self._rows) if r.price]
        if step and priced:
            if self._focus is None:
                # From the best ask / best bid, whichever the first step moves towards.
                start = max((i for i in priced if i < ROWS // 2), default=priced[0])
                self._set_focus(start if step < 0 else min(
                    (i for i in priced if i >= ROWS // 2), default=priced[-1]))
            else:
                target = max(priced[0], min(priced[-1], self._focus + step))
                self._set_focus(min(priced, key=lambda i: abs(i - target)))
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._focus is not None:
            self._click(self._focus)
            event.accept()
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
        else:
            super().keyPressEvent(event)
