"""The 호가창 (order book ladder): ten asks above, ten bids below, the account's open
orders as badges at their prices. One widget, one paintEvent: each row is a cached
pixmap (ui/ladder_paint.py), and a change repaints only the rows whose look changed.

Held still (호가 고정): while the pointer is over the ladder, a button is down on it, or
the lock is on, every row keeps its price and only the quantities follow the book; a
best price that moved beyond the rows shows as ▲ / ▼ in the header / totals row. It
re-centres when the pointer leaves (lock off), on Home, or when the lock is turned off.

What the mouse acts on is what was painted under it when the button went down (the
rows as last painted, not the book that came in since):
- a click on a price gives that price (`price_clicked`);
- a double-click gives it (`price_double_clicked`) only when both clicks were on the
  same row and its painted price did not change between them; otherwise
  `double_click_refused` says why and nothing is given;
- the badge columns never give a price: a badge dragged to another level asks to modify
  its order (`modify_requested(record, price)`), its × to cancel it
  (`cancel_requested(record)`), a click on the rest of it only names it
  (`badge_clicked(record)`); a click beside a badge does nothing;
- a watch's line (domain/ladder_marks.py) is dragged by its tag: dropped on another
  level, it asks to move the watch's trigger there (`watch_move_requested(id, price)`);
  a click on the tag gives no price;
- a right click on a level asks for its menu (`menu_requested(price, at)`: a new watch
  there) with the price painted under the pointer when the button went down, whatever
  the book did before the menu came (on release, on some platforms); the menu key asks
  for the highlighted level's.
The highlighted level is a price, not a row: it stays on its price as the book moves.

Keyboard (a click on a level, Tab, or the window's key gives the ladder the focus):
Up/Down, PageUp/PageDown move the level and give its price (the ticket follows), Enter
gives it again, Home re-centres, Esc hands the focus back (`escape_pressed`). No key
sends an order from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QEnterEvent,
    QFocusEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from ..domain.ladder_marks import Chain, LadderMark, MarkKind, marks_at
from ..domain.ladder_rows import (
    ROWS,
    Badge,
    LadderRow,
    OwnOrder,
    bar_scale,
    beyond,
    held_rows,
    ladder_rows,
)
from ..domain.market_depth import Depth
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.ticks import is_on_tick, ticks_between
from . import (
    ladder_texts,  # noqa: F401 - registers the texts
    theme,
)
from .i18n import pick, signed_ticks, tr
from .ladder_paint import (
    HELD_FRAME,
    Columns,
    MarkLook,
    RowPainter,
    badge_need,
    badge_rect,
    close_rect,
    mark_column,
    small_font,
)

MIN_ROW, MAX_ROW = 14, 26
EXTRA_ROWS = 3  # the header, the totals, the expected price / note line
CLOSE_SLACK = 3  # px left of the × that still count as the × (the rest of the column too)
_KEYS_UP: dict[int, int] = {Qt.Key.Key_Up: 1, Qt.Key.Key_PageUp: 5}  # by event.key()
_KEYS_DOWN: dict[int, int] = {Qt.Key.Key_Down: 1, Qt.Key.Key_PageDown: 5}


class LadderView(QWidget):
    price_clicked = Signal(int)
    price_double_clicked = Signal(int)
    double_click_refused = Signal(str, dict)  # why: a text key and its values
    badge_clicked = Signal(object)  # OrderRecord: named, nothing changed
    modify_requested = Signal(object, int)  # OrderRecord, new price
    cancel_requested = Signal(object)  # OrderRecord
    watch_move_requested = Signal(str, int)  # a watch's id, its new trigger price
    menu_requested = Signal(int, QPoint)  # the level's price as painted, where (global)
    escape_pressed = Signal()
    held_changed = Signal(bool)  # prices held still on their rows, or following the book
    focus_changed = Signal(bool)  # the keys are the ladder's
    min_width_changed = Signal(int)  # wide badges widen the ladder (the panel follows)
    painted = Signal(list)  # the rects of each paint's region (tests, the bench)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab, and a click on a level
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(200, MIN_ROW * (ROWS + EXTRA_ROWS))
        self._depth = Depth.blank()
        self._last: int | None = None
        self._orders: list[OwnOrder] = []
        self._marks: tuple[LadderMark, ...] = ()  # the watches' lines and brackets' tags
        self._chains: tuple[Chain, ...] = ()
        self._note = ""  # said in the last line when there is nothing else to say
        self._rows: tuple[LadderRow, ...] = ladder_rows(self._depth)
        self._painted: list[LadderRow] = list(self._rows)  # each row as last painted
        self._painted_marks: list[tuple[LadderMark, ...]] = [()] * ROWS  # and its marks
        self._painted_cols: Columns | None = None  # the columns they were painted with
        self._held: tuple[LadderRow, ...] | None = None  # the rows whose prices stay put
        self._pointer_in = False
        self._locked = False
        self._scale = 1
        self._needs = (0, 0)  # the badge columns' widths the badges need (sells, buys)
        self._focus: int | None = None  # the highlighted level: a price
        self._press: tuple | None = None  # what the button went down on, as painted
        self._first: tuple[int, int] | None = None  # (row, price) of a click's press
        self._menu_press: int | None = None  # the price under the right button's press
        self._drop: int | None = None  # the row a dragged badge is over
        self._painter: RowPainter | None = None
        self._cache: dict[int, tuple[tuple, QPixmap]] = {}
        self._header: tuple[tuple, QPixmap] | None = None
        self._footer: tuple[tuple, QPixmap] | None = None
        self._hold_soon = QTimer(self)  # hold what was just painted, out of paintEvent
        self._hold_soon.setSingleShot(True)
        self._hold_soon.setInterval(0)
        self._hold_soon.timeout.connect(self._update_hold)

    # ---- what the ladder shows --------------------------------------------------------

    @property  # shadows QPaintDevice.depth() (colour depth), which nothing here asks for
    def depth(self) -> Depth:  # type: ignore[override]  # see the line above
        return self._depth

    @property
    def rows(self) -> tuple[LadderRow, ...]:
        """The rows as they will be painted next."""
        return self._rows

    @property
    def painted_rows(self) -> tuple[LadderRow, ...]:
        """The rows as they are on screen: what a click acts on."""
        return tuple(self._painted)

    @property
    def orders(self) -> list[OwnOrder]:
        return self._orders

    @property
    def held(self) -> bool:
        return self._held is not None

    @property
    def locked(self) -> bool:
        return self._locked

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

    @property
    def last_price(self) -> int | None:
        return self._last

    @property
    def marks(self) -> tuple[LadderMark, ...]:
        return self._marks

    def set_marks(self, marks: tuple[LadderMark, ...], chains: tuple[Chain, ...] = ()) -> None:
        """The watches' lines and the brackets' chains of the stock shown."""
        if (marks, chains) != (self._marks, self._chains):
            self._marks, self._chains = marks, chains
            for i in range(ROWS):
                self.update(self.row_rect(i))  # a row whose look is the same keeps its pixmap

    @property
    def chains(self) -> tuple[Chain, ...]:
        return self._chains

    def painted_marks(self, index: int) -> tuple[LadderMark, ...]:
        """The marks row `index` shows on screen."""
        return self._painted_marks[index]

    def mark_rect(self, price: int) -> QRect | None:
        """Where the tag of the line at `price` is grabbed (widget coordinates)."""
        for i, row in enumerate(self._painted):
            if row.price and row.price == price:
                x, w = mark_column(self._cols(), row.side == "ask")
                return QRect(x, self.row_rect(i).top(), w, self.row_height())
        return None

    def _mark_look(self, row: LadderRow) -> tuple[MarkLook | None, bool]:
        here = marks_at(self._marks, row.price)
        chained = any(c.spans(row.price) for c in self._chains)
        if not here:
            return None, chained
        first = here[0]
        return MarkLook(pick(first.kind.tag), first.kind is not MarkKind.TARGET,
                        first.bracket_id is not None, first.paused, len(here)), chained

    def set_note(self, text: str) -> None:
        if text != self._note:
            self._note = text
            self.update(self._footer_rect())  # the footer's pixmap follows at the paint

    def clear(self, note: str = "") -> None:
        """No book (another stock, no stock): empty rows and `note`; nothing held (the
        next book is held once it is painted, if the pointer is still here)."""
        self._depth, self._last, self._focus = Depth.blank(), None, None
        self._note = note
        self._set_held(None)
        self._rebuild()
        self.update(self._footer_rect())

    def _rebuild(self) -> None:
        if self._held is not None:
            rows = held_rows(self._depth, self._held, self._last, self._orders)
        else:
            rows = ladder_rows(self._depth, self._last, self._orders)
        scale = bar_scale(max((r.level.qty for r in rows), default=0))
        needs = self._badge_needs(rows)
        old_rows, old_scale = self._rows, self._scale
        self._rows, self._scale = rows, scale
        if needs != self._needs:
            self._needs = needs
            self._painter = None  # other column widths: every row again
            self.update()
            width = Columns.min_width(*needs)
            if width != self.minimumWidth():
                self.setMinimumWidth(width)
                self.min_width_changed.emit(width)
            return
        for i, row in enumerate(rows):
            if scale != old_scale or row != old_rows[i] or row != self._painted[i]:
                self.update(self.row_rect(i))
        if self._header is None or self._header[0] != self._header_key():
            self.update(self._header_rect())
        if self._footer is None or self._footer[0] != self._footer_key():
            self.update(self._footer_rect())

    def _badge_needs(self, rows: Iterable[LadderRow]) -> tuple[int, int]:
        metrics = QFontMetrics(small_font(self.font()))
        sells = buys = 0
        for row in rows:
            if row.sell is not None:
                sells = max(sells, badge_need(metrics, row.sell))
            if row.buy is not None:
                buys = max(buys, badge_need(metrics, row.buy))
        return sells, buys

    # ---- holding the prices still -----------------------------------------------------

    def set_locked(self, on: bool) -> None:
        """The 고정 switch: hold the prices even when the pointer is away."""
        if on != self._locked:
            self._locked = on
            self._update_hold()

    def recentre(self) -> None:
        """Put the book back in the middle; still held if the pointer or lock holds it."""
        if self._held is None:
            return
        self._held = None
        self._rebuild()
        if self._wants_hold() and any(r.price for r in self._rows):
            self._held = self._rows
            self._rebuild()  # the header's ▲/▼ go

    def _wants_hold(self) -> bool:
        return self._locked or self._pointer_in or self._press is not None

    def _update_hold(self) -> None:
        if self._wants_hold():
            if self._held is None and any(r.price for r in self._painted):
                self._set_held(tuple(self._painted))  # the prices the trader sees
        elif self._held is not None:
            self._set_held(None)

    def _set_held(self, rows: tuple[LadderRow, ...] | None) -> None:
        was = self._held is not None
        self._held = rows
        if (rows is not None) != was:
            self._rebuild()
            self.update()  # the header's colour and the frame
            self.held_changed.emit(rows is not None)

    def enterEvent(self, event: QEnterEvent) -> None:
        self._pointer_in = True
        self._update_hold()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._pointer_in = False
        self._update_hold()  # a button still down (a drag) keeps it held until release
        super().leaveEvent(event)

    # ---- geometry -----------------------------------------------------------------------

    def row_height(self) -> int:
        return max(MIN_ROW, min(MAX_ROW, self.height() // (ROWS + EXTRA_ROWS)))

    def row_rect(self, index: int) -> QRect:
        h = self.row_height()
        return QRect(0, h * (index + 1), self.width(), h)

    def _header_rect(self) -> QRect:
        return QRect(0, 0, self.width(), self.row_height())

    def _footer_rect(self) -> QRect:
        h = self.row_height()
        return QRect(0, h * (ROWS + 1), self.width(), 2 * h)

    def row_at(self, y: int) -> int | None:
        i = y // self.row_height() - 1
        return i if 0 <= i < ROWS else None

    def level_rect(self, price: int) -> QRect | None:
        """The row of `price` as painted (widget coordinates), if the ladder shows it."""
        for i, row in enumerate(self._painted):
            if row.price and row.price == price:
                return self.row_rect(i)
        return None

    def _cols(self) -> Columns:
        return self._painted_cols or self._geometry().cols

    def badge_rect(self, price: int, side: Action) -> QRect | None:
        rect = self.level_rect(price)
        if rect is None:
            return None
        return badge_rect(self._cols(), side, rect.height()).translated(rect.topLeft())

    def close_rect(self, price: int, side: Action) -> QRect | None:
        rect = self.level_rect(price)
        if rect is None:
            return None
        return close_rect(self._cols(), side, rect.height()).translated(rect.topLeft())

    def _geometry(self) -> RowPainter:
        dpr = self.devicePixelRatioF()
        p = self._painter
        if p is None or (p.width, p.height, p.dpr, p.needs) != (
                self.width(), self.row_height(), dpr, self._needs):
            p = self._painter = RowPainter(self.font(), max(self.width(), 1), self.row_height(),
                                           dpr, self._needs)
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

    def _beyond(self) -> tuple[int, int]:
        if self._held is None:
            return 0, 0
        return beyond(self._depth, self._rows)

    def _header_key(self) -> tuple:
        labels = tuple(tr(f"ladder.col.{k}") for k in ("sells", "asks", "price", "bids", "buys"))
        above = self._beyond()[0]
        return (labels, self._held is not None, f"▲ {above:,}" if above else "")

    def _footer_key(self) -> tuple:
        d = self._depth
        line = (tr("ladder.expected", price=f"{d.expected_price:,}", qty=f"{d.expected_qty:,}")
                if d.has_expected else self._note)
        below = self._beyond()[1]
        return (tr("ladder.total"), d.ask_total, d.bid_total, line,
                f"▼ {below:,}" if below else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the header, the rows and the footer the update region touches, each from
        its pixmap (made again only when its look changed)."""
        rp = self._geometry()
        rects = list(event.region())  # type: ignore[call-overload]  # iterable; stubs say not
        p = QPainter(self)
        h = rp.height
        indices: set[int] = set()
        for area in rects:
            p.fillRect(area, self.palette().window())
            indices.update(range(max(0, area.top() // h - 1),
                                 min(ROWS - 1, area.bottom() // h - 1) + 1))
        if any(area.top() < h for area in rects):
            key = self._header_key()
            if self._header is None or self._header[0] != key:
                self._header = (key, rp.header(*key))
            p.drawPixmap(0, 0, self._header[1])
        for i in sorted(indices):
            row = self._rows[i]
            key = (row, self._scale, bool(row.price) and row.price == self._focus,
                   i == self._drop, *self._mark_look(row))
            cached = self._cache.get(i)
            if cached is None or cached[0] != key:
                cached = self._cache[i] = (key, rp.row(row, self._scale, *key[2:]))
            p.drawPixmap(0, h * (i + 1), cached[1])
            self._painted[i] = row
            self._painted_marks[i] = marks_at(self._marks, row.price)
        self._painted_cols = rp.cols
        footer = self._footer_rect()
        if any(area.intersects(footer) for area in rects):
            key = self._footer_key()
            if self._footer is None or self._footer[0] != key:
                self._footer = (key, rp.footer(*key))
            p.drawPixmap(footer.topLeft(), self._footer[1])
        p.setBrush(Qt.BrushStyle.NoBrush)
        if self._held is not None:
            p.setPen(QPen(HELD_FRAME, 2))
            p.drawRect(self.rect().adjusted(1, 1, -1, -1))
        if self.hasFocus():
            p.setPen(QPen(theme.SELL, 1))
            p.drawRect(self.rect().adjusted(2, 2, -3, -3))
        p.end()
        if self._held is None and self._wants_hold():
            self._hold_soon.start()
        self.painted.emit(rects)

    # ---- mouse --------------------------------------------------------------------------

    def _hit(self, pos: QPoint) -> tuple | None:
        """What was painted at `pos`: ("close" | "badge", record, row, price),
        ("mark", LadderMark, row, price) (a movable line's tag) or ("price", None, row,
        price); None for nothing (an empty row, a badge column without a badge). The
        badge columns never give a price."""
        i = self.row_at(pos.y())
        if i is None or not self._painted[i].price:
            return None
        row = self._painted[i]
        cols = self._cols()
        for side in (Action.SELL, Action.BUY):
            x, w = cols.badge_column(side)
            if not x <= pos.x() < x + w:
                continue
            badge = row.badge(side)
            if badge is None:
                return None
            close = close_rect(cols, side, self.row_height())
            kind = "close" if pos.x() >= close.left() - CLOSE_SLACK else "badge"
            return (kind, badge.record, i, row.price)
        movable = [m for m in self._painted_marks[i] if m.draggable]
        x, w = mark_column(cols, row.side == "ask")
        if movable and x <= pos.x() < x + w:
            return ("mark", movable[0], i, row.price)
        return ("price", None, i, row.price)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.RightButton:
            hit = self._hit(event.position().toPoint())
            self._menu_press = hit[3] if hit is not None and hit[0] in ("price", "mark") \
                else None  # a badge's column gives no price, for a menu neither
        if event.button() is not Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position().toPoint()
        hit = self._hit(pos)
        self._press = None if hit is None else (*hit, pos)
        self._first = (hit[2], hit[3]) if hit is not None and hit[0] == "price" else None
        self._update_hold()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        press = self._press
        dragged = press is not None and (press[0] == "mark" or (
            press[0] == "badge" and not self._is_stop(press[1])))
        if press is None or not dragged:
            hit = self._hit(pos)
            cursor = (Qt.CursorShape.OpenHandCursor if hit and (hit[0] == "mark" or (
                      hit[0] == "badge" and not self._is_stop(hit[1])))
                      else Qt.CursorShape.PointingHandCursor if hit
                      else Qt.CursorShape.ArrowCursor)
            self.setCursor(cursor)
            return
        if self._drop is None and ((pos - press[4]).manhattanLength()
                                   < QApplication.startDragDistance()):
            return
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self._set_drop(self.row_at(pos.y()))
        old = press[1].price or 0  # a record's limit price, or a line's trigger
        self._say_move(old, event.globalPosition().toPoint())

    def _is_stop(self, record: OrderRecord) -> bool:
        """A stop order's badge is not dragged: a drag would move its limit price, not
        the stop price it is drawn at (the Modify tab sets both)."""
        # By id: the painted badge may hold an older copy of the record than the orders.
        return any(o.record.local_id == record.local_id and o.is_stop for o in self._orders)

    def _say_move(self, old: int, at: QPoint) -> None:
        """Beside the dragged badge or line: old → new price and the distance in ticks."""
        new = self._painted[self._drop].price if self._drop is not None else 0
        if not new or not old or new == old:
            QToolTip.hideText()
            return
        moved = f"{old:,} → {new:,}"
        if is_on_tick(old) and is_on_tick(new):
            moved += f" ({signed_ticks(ticks_between(old, new))})"
        QToolTip.showText(at, moved, self)

    def _set_drop(self, index: int | None) -> None:
        if index is not None and not self._painted[index].price:
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
        if event.button() is not Qt.MouseButton.LeftButton:
            return
        self._update_hold()  # the pointer may have left during a drag
        if press is None:
            return
        kind, record, index, price, _at = press
        pos = event.position().toPoint()
        QToolTip.hideText()
        hit = self._hit(pos)
        if kind == "close":
            if hit is not None and hit[:3] == (kind, record, index):
                self.cancel_requested.emit(record)
        elif kind == "badge" and dragging:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            new = self._painted[dropped].price if dropped is not None else 0
            if new and new != record.price:
                self.modify_requested.emit(record, new)
        elif kind == "badge":
            if hit is not None and hit[:3] == ("badge", record, index):
                self.badge_clicked.emit(record)
        elif kind == "mark" and dragging:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            new = self._painted[dropped].price if dropped is not None else 0
            if new and new != record.price and record.watch_id is not None:
                self.watch_move_requested.emit(record.watch_id, new)
        elif kind == "mark":
            pass  # a click on a line's tag gives no price (the tooltip says what it is)
        elif hit is not None and hit[0] == "price" and hit[2] == index:
            self._click(price)  # the price painted there when the button went down
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Given only when both clicks were on one row showing one price throughout."""
        if event.button() is not Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        hit = self._hit(event.position().toPoint())
        self._press = None  # the release that follows is not a click
        first, self._first = self._first, None
        event.accept()
        if hit is None or hit[0] != "price":
            return  # on a badge, a ×, or nothing: as a click there would
        _kind, _rec, index, price = hit
        if first is None or first[0] != index:
            self.double_click_refused.emit("ladder.dbl.apart", {"price": f"{price:,}"})
        elif first[1] != price:
            self.double_click_refused.emit("ladder.dbl.moved", {"first": f"{first[1]:,}",
                                                                "price": f"{price:,}"})
        else:
            self._click(price)
            self.price_double_clicked.emit(price)

    def _click(self, price: int) -> None:
        self._set_focus(price)
        self.price_clicked.emit(price)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The menu of the level under the right button's press (see the module)."""
        if event.reason() is QContextMenuEvent.Reason.Mouse:
            price, self._menu_press = self._menu_press, None
            at = event.globalPos()
        else:  # the menu key: the highlighted level, where it is painted
            price = self._focus
            rect = self.level_rect(price) if price else None
            price = price if rect is not None else None
            at = self.mapToGlobal(rect.center()) if rect is not None else event.globalPos()
        event.accept()
        if price:
            self.menu_requested.emit(price, at)

    def event(self, event: QEvent) -> bool:
        if event.type() is QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)  # what a ToolTip event is
            hit = self._hit(help_event.pos())
            if hit is not None and hit[0] in ("badge", "close"):
                QToolTip.showText(help_event.globalPos(), self.badge_tip(hit[1], hit[2]), self)
                return True
            i = self.row_at(help_event.pos().y())
            if i is not None and self._painted_marks[i]:
                QToolTip.showText(help_event.globalPos(), self.mark_tip(i), self)
                return True
        return super().event(event)

    def mark_tip(self, index: int) -> str:
        """What the lines on row `index` are: kind, price, quantity, a bracket's, and
        whether it can be dragged."""
        lines = []
        for m in self._painted_marks[index]:
            key = ("ladder.mark_tip" if m.watch_id is not None
                   else "ladder.mark_bracket_target" if m.quantity
                   else "ladder.mark_bracket_waiting")  # the buy has not filled yet
            line = tr(key, kind=pick(m.kind.tag), price=f"{m.price:,}", qty=f"{m.quantity:,}")
            if m.bracket_id is not None and m.watch_id is not None:
                line += " · " + tr("ladder.mark_in_bracket")
            if m.paused:
                line += " · " + tr("ladder.mark_paused")
            if m.draggable:
                line += "\n" + tr("ladder.mark_drag")
            lines.append(line)
        return "\n".join(lines)

    def badge_tip(self, record: OrderRecord, index: int) -> str:
        row = self._painted[index]
        badge: Badge | None = (row.sell if row.sell
                               and row.sell.record.local_id == record.local_id
                               else row.buy)
        side = badge.side if badge else Action.BUY
        qty = badge.open_qty if badge is not None else record.open_qty
        if badge is not None and badge.is_stop:
            tip = tr("ladder.stop_tip", side=pick(side.label), no=record.ord_no or "",
                     qty=f"{qty:,}", stop=f"{badge.stop_price:,}",
                     limit=f"{badge.limit_price:,}")
        else:
            tip = tr("ladder.badge_tip", side=pick(side.label), no=record.ord_no or "",
                     qty=f"{qty:,}", price=f"{row.price:,}")
        if badge is not None and badge.count > 1:
            tip += "\n" + tr("ladder.badge_more", n=badge.count)
        if row.hidden_stops:
            tip += "\n" + tr("ladder.stop_behind", n=row.hidden_stops)
        return tip

    # ---- keyboard -----------------------------------------------------------------------

    def _set_focus(self, price: int | None) -> None:
        if price != self._focus:
            old, self._focus = self._focus, price
            for i, row in enumerate(self._rows):
                if row.price and row.price in (old, price):
                    self.update(self.row_rect(i))

    def focused_price(self) -> int | None:
        return self._focus

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()
        self.focus_changed.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()
        self.focus_changed.emit(False)

    def _step(self, step: int) -> int | None:
        """The price `step` rows from the highlighted one (down is positive)."""
        priced = [i for i, r in enumerate(self._rows) if r.price]
        if not priced:
            return None
        at = next((i for i in priced if self._rows[i].price == self._focus), None)
        if at is None:
            # From the best ask / best bid, whichever the first step moves towards.
            asks = [i for i in priced if self._rows[i].side == "ask"]
            bids = [i for i in priced if self._rows[i].side != "ask"]
            at = max(asks, default=priced[0]) if step < 0 else min(bids, default=priced[-1])
            return self._rows[at].price
        target = max(priced[0], min(priced[-1], at + step))
        return self._rows[min(priced, key=lambda i: abs(i - target))].price

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = -_KEYS_UP.get(key, 0) or _KEYS_DOWN.get(key, 0)
        if step:
            price = self._step(step)
            if price:
                self._click(price)  # the ticket's price follows
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._focus is not None and not event.isAutoRepeat():
                self._click(self._focus)  # the price again; never an order
            event.accept()
        elif key == Qt.Key.Key_Home:
            self.recentre()
            event.accept()
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            event.accept()
        else:
            super().keyPressEvent(event)
