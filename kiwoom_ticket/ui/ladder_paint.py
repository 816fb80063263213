"""How the 호가창 looks: its columns and rows, each row drawn once into a pixmap.

Columns, left to right as on an HTS 호가주문 screen: my sell orders | ask quantity (a bar
growing from the price) | price | bid quantity | my buy orders. Ask rows are tinted
blue, bid rows red; a price above the base price is red, below it blue; the current
price's row is outlined. A row's pixmap is made from its LadderRow and look (focus, drop
target) and kept while they stay the same, so a paint draws pixmaps, not cells.

A badge's column is as wide as its widest quantity needs (up to 9,999,999, measured
with the font): a quantity is never cut. A stop badge is drawn hollow with an "S" tag.
While the ladder is held still, the header is amber, and a best price beyond the rows
is shown as ▲ / ▼ with its price in the header / the totals row.

A watch's trigger is a dashed line across its row (not through the price) with a tag
("손절", "익절", "추적") in the row's empty quantity column (a bid row's asks column, an
ask row's bids column): a stop's orange, a target's green; a bracket's marks are all its
violet, and a violet stripe at the price column's left edge joins its rows, target down
to stop.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QPixmap

from ..domain.ladder_rows import ASK, Badge, LadderRow
from ..domain.orders import Action
from . import theme

ASK_TINT, BID_TINT = QColor(theme.SELL_TINT), QColor(theme.BUY_TINT)
ASK_BAR, BID_BAR = QColor("#bcd4f2"), QColor("#f5c4c4")
GRID = QColor("#d6d6d6")
TEXT = QColor("#222222")
MUTED = QColor("#777777")
LAST_FRAME = QColor("#222222")
FOCUS_FILL = QColor("#fff3c4")
HEADER_FILL = QColor("#f1f1f1")
HELD_FILL = QColor("#ffe08a")  # the header while the ladder is held still
HELD_FRAME = QColor("#e0a000")
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
CLOSE_W = 12  # the × at a badge's end
TAG = "S"  # a stop badge's tag
MIN_QTY_COL = 40  # a book quantity of 123,456 whole
MIN_PRICE_COL = 58
MIN_WIDTH = 200
STOP_LINE, TARGET_LINE = QColor("#e8590c"), QColor("#2b8a3e")
CHAIN = QColor("#7b2cbf")  # a bracket's marks and the stripe joining them
CHAIN_W = 3


@dataclass(frozen=True)
class MarkLook:
    """How one mark on a row looks: its tag (in the language shown), whether it is a
    stop (else a target), part of a bracket, paused, and how many marks share the row."""

    tag: str
    stop: bool
    bracket: bool
    paused: bool
    count: int = 1

    @property
    def colour(self) -> QColor:
        return CHAIN if self.bracket else STOP_LINE if self.stop else TARGET_LINE


def price_colour(direction: int) -> QColor:
    return theme.BUY if direction > 0 else theme.SELL if direction < 0 else TEXT


@dataclass(frozen=True)
class Columns:
    """x and width of each column for a ladder `width` wide."""

    sells: tuple[int, int]
    asks: tuple[int, int]
    price: tuple[int, int]
    bids: tuple[int, int]
    buys: tuple[int, int]

    @staticmethod
    def min_width(sells_need: int = 0, buys_need: int = 0) -> int:
        """The narrowest ladder that shows these badges and every price and quantity."""
        return max(MIN_WIDTH, max(30, sells_need) + max(30, buys_need) + MIN_PRICE_COL
                   + 2 * MIN_QTY_COL)

    @classmethod
    def for_width(cls, width: int, sells_need: int = 0, buys_need: int = 0) -> Columns:
        """`sells_need` / `buys_need`: the width the widest badge of each side needs.
        The badges get it first (a quantity is never cut), the price column gives way
        down to its own minimum before the quantity columns do."""
        sells = max(30, width * 16 // 100, sells_need)
        buys = max(30, width * 16 // 100, buys_need)
        price = max(MIN_PRICE_COL, width * 29 // 100)
        qty = (width - sells - buys - price) // 2
        if qty < MIN_QTY_COL:
            price = max(MIN_PRICE_COL, price - 2 * (MIN_QTY_COL - qty))
            qty = max(24, (width - sells - buys - price) // 2)
        xs = [0, sells, sells + qty, sells + qty + price, sells + 2 * qty + price]
        widths = [sells, qty, price, qty, max(buys, width - xs[4])]
        return cls(*zip(xs, widths, strict=True))

    def badge_column(self, side: Action) -> tuple[int, int]:
        return self.buys if side is Action.BUY else self.sells


def badge_text(badge: Badge) -> str:
    """The quantity, whole, and how many orders when more than one."""
    return f"{badge.open_qty:,}" + (f"·{badge.count}" if badge.count > 1 else "")


def badge_need(metrics: QFontMetrics, badge: Badge) -> int:
    """The column width `badge` needs for its whole quantity and count, the stop tag and
    the ×."""
    need = metrics.horizontalAdvance(badge_text(badge)) + CLOSE_W + 4 + 4 + 2
    if badge.is_stop:
        need += metrics.horizontalAdvance(TAG) + 6
    return need


def badge_rect(cols: Columns, side: Action, height: int) -> QRect:
    """Where a badge sits within its row (row coordinates)."""
    x, w = cols.badge_column(side)
    return QRect(x + 2, 2, max(w - 4, 8), max(height - 4, 6))


def close_rect(cols: Columns, side: Action, height: int) -> QRect:
    r = badge_rect(cols, side, height)
    return QRect(r.right() - CLOSE_W + 1, r.top(), CLOSE_W, r.height())


def mark_column(cols: Columns, ask: bool) -> tuple[int, int]:
    """Where a row's mark tag sits: the quantity column the row leaves empty."""
    return cols.bids if ask else cols.asks


def small_font(font: QFont) -> QFont:
    """The font of quantities and badges."""
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() - 1, 7))
    return small


class RowPainter:
    """Draws rows, the header and the footer for one geometry and font."""

    def __init__(self, font: QFont, width: int, row_height: int, dpr: float,
                 needs: tuple[int, int] = (0, 0)) -> None:
        self.width, self.height, self.dpr, self.needs = width, row_height, dpr, needs
        self.cols = Columns.for_width(width, *needs)
        self.font = QFont(font)
        self.small = small_font(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small_metrics = QFontMetrics(self.small)
        self.small_bold = QFont(self.small)
        self.small_bold.setBold(True)

    def _canvas(self, fill: QColor, height: int | None = None,
                into: QPixmap | None = None) -> tuple[QPixmap, QPainter]:
        """A pixmap for a row (`into` again if it is one of this size: a fast book
        redraws ~10 rows 50 times a second, and a new pixmap each time was a third of
        each row's cost), filled with `fill`, and a painter on it."""
        h = height or self.height
        w_px, h_px = max(1, round(self.width * self.dpr)), max(1, round(h * self.dpr))
        if into is not None and into.width() == w_px and into.height() == h_px \
                and into.devicePixelRatio() == self.dpr:
            pixmap = into
        else:
            pixmap = QPixmap(w_px, h_px)
            pixmap.setDevicePixelRatio(self.dpr)
        pixmap.fill(fill)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        return pixmap, painter

    def _cell(self, p: QPainter, col: tuple[int, int], text: str, align, inset: int = 4,
              height: int | None = None) -> None:
        x, w = col
        p.drawText(QRect(x + inset, 0, w - 2 * inset, height or self.height), align, text)

    def row(self, row: LadderRow, scale: int, focused: bool, drop: bool,
            mark: MarkLook | None = None, chained: bool = False,
            into: QPixmap | None = None) -> QPixmap:
        """The row's picture (drawn over `into`, an old row pixmap nothing shows any
        more, when it has the size)."""
        ask = row.side == ASK
        pixmap, p = self._canvas(ASK_TINT if ask else BID_TINT, into=into)
        lv, h, cols = row.level, self.height, self.cols
        if lv.price and mark is not None:
            self._mark(p, mark, ask)
        if lv.price:
            qty_col = cols.asks if ask else cols.bids
            x, w = qty_col
            bar = round((w - 2) * min(lv.qty / scale, 1.0)) if scale else 0
            if bar:  # from the price outwards
                bx = x + w - 1 - bar if ask else x + 1
                p.fillRect(QRect(bx, 3, bar, h - 6), ASK_BAR if ask else BID_BAR)
            p.setFont(self.small)
            p.setPen(TEXT)
            if row.listed:  # a held price the book no longer lists: no quantity
                self._cell(p, qty_col, f"{lv.qty:,}", _RIGHT if ask else _LEFT)
            px, pw = cols.price
            if focused:
                p.fillRect(QRect(px, 0, pw, h), FOCUS_FILL)
            if row.hidden_stops:  # a stop waits here behind a limit badge of its side
                p.setFont(self.small_bold)
                p.setPen(MUTED)
                self._cell(p, cols.price, TAG, _LEFT, inset=CHAIN_W + 3)  # beside a chain
            p.setFont(self.bold if row.is_last else self.font)
            p.setPen(price_colour(lv.direction))
            self._cell(p, cols.price, f"{lv.price:,}", _RIGHT)
            for badge in (row.sell, row.buy):
                if badge is not None:
                    self._badge(p, badge)
        p.setPen(GRID)
        p.drawLine(0, h - 1, self.width, h - 1)
        for x in (self.cols.asks[0], self.cols.price[0], self.cols.bids[0], self.cols.buys[0]):
            p.drawLine(x, 0, x, h)
        if row.is_last:
            p.setPen(QPen(LAST_FRAME, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            px, pw = cols.price
            p.drawRect(QRectF(px + 1, 1, pw - 2, h - 3))
        if chained:  # at the price column's left edge: the rows of one bracket
            p.fillRect(QRect(cols.price[0] + 1, 0, CHAIN_W, h), CHAIN)
        if drop:
            p.setPen(QPen(theme.BUY if not ask else theme.SELL, 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(1, 1, self.width - 2, h - 3))
        p.end()
        return pixmap

    def _mark(self, p: QPainter, mark: MarkLook, ask: bool) -> None:
        """The dashed line either side of the price, and the tag in the empty column."""
        h, cols = self.height, self.cols
        colour = QColor(mark.colour)
        if mark.paused:
            colour.setAlpha(120)
        y = h // 2
        p.setPen(QPen(colour, 1.5, Qt.PenStyle.DotLine if mark.paused else Qt.PenStyle.DashLine))
        # Across the row but never through a number: not the price, nor the book's size.
        if ask:
            spans = (cols.sells, (cols.bids[0], self.width - cols.bids[0]))
        else:
            spans = ((0, cols.price[0]), cols.buys)
        for x, w in spans:
            p.drawLine(x + 1, y, x + w - 1, y)
        x, w = mark_column(cols, ask)
        text = mark.tag + (f"·{mark.count}" if mark.count > 1 else "")
        tag_w = min(w - 4, self.small_metrics.horizontalAdvance(text) + 8)
        tag = QRect(x + 2 if ask else x + w - 2 - tag_w, 2, tag_w, h - 4)
        p.setPen(QPen(colour, 1.2) if mark.paused else Qt.PenStyle.NoPen)
        p.setBrush(QColor("white") if mark.paused else colour)
        p.drawRoundedRect(QRectF(tag), 3, 3)
        p.setPen(colour if mark.paused else QColor("white"))
        p.setFont(self.small_bold)
        p.drawText(tag, _CENTRE, self.small_metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, tag_w - 2))

    def _badge(self, p: QPainter, badge: Badge) -> None:
        r = badge_rect(self.cols, badge.side, self.height)
        colour = theme.BUY if badge.side is Action.BUY else theme.SELL
        left = r.left() + 3
        if badge.is_stop:  # hollow, dashed, with an S tag: waiting for its stop price
            p.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
            p.setBrush(QColor("white"))
            p.drawRoundedRect(QRectF(r).adjusted(0.75, 0.75, -0.75, -0.75), 3, 3)
            tag_w = self.small_metrics.horizontalAdvance(TAG) + 4
            tag = QRect(r.left() + 2, r.top() + 2, tag_w, r.height() - 4)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(tag), 2, 2)
            p.setPen(QColor("white"))
            p.setFont(self.small_bold)
            p.drawText(tag, _CENTRE, TAG)
            left = tag.right() + 3
            p.setPen(colour)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(r), 3, 3)
            p.setPen(QColor("white"))
        p.setFont(self.small)
        room = r.right() - CLOSE_W - left
        text = badge_text(badge)
        if self.small_metrics.horizontalAdvance(text) > room:
            text = f"{badge.open_qty:,}"  # the count is in the tooltip; the quantity whole
        p.drawText(QRect(left, r.top(), max(room, 1), r.height()), _LEFT, text)
        c = close_rect(self.cols, badge.side, self.height)
        p.drawText(c, _CENTRE, "×")

    def header(self, labels: tuple[str, str, str, str, str], held: bool = False,
               above: str = "") -> QPixmap:
        """The column heads; held still, on amber, and `above` (▲ and the best price
        beyond the top row) in place of the price column's head."""
        pixmap, p = self._canvas(HELD_FILL if held else HEADER_FILL)
        p.setFont(self.small)
        p.setPen(MUTED)
        cols = (self.cols.sells, self.cols.asks, self.cols.price, self.cols.bids, self.cols.buys)
        for col, label in zip(cols, labels, strict=True):
            if above and col is self.cols.price:
                continue
            self._cell(p, col, self.small_metrics.elidedText(
                label, Qt.TextElideMode.ElideRight, col[1] - 4), _CENTRE, inset=2)
        if above:
            p.setFont(self.small_bold)
            p.setPen(TEXT)
            self._cell(p, self.cols.price, above, _CENTRE, inset=1)
        p.setPen(GRID)
        p.drawLine(0, self.height - 1, self.width, self.height - 1)
        p.end()
        return pixmap

    def footer(self, total_label: str, ask_total: int, bid_total: int,
               second_line: str, below: str = "") -> QPixmap:
        """The totals row, and under it the expected price (or a note) when there is one.
        `below` (▼ and the best price beyond the bottom row, while held still) takes the
        place of the totals' label."""
        h = self.height * 2
        pixmap, p = self._canvas(HEADER_FILL, h)
        p.setFont(self.small)
        p.setPen(TEXT)
        self._cell(p, self.cols.asks, f"{ask_total:,}" if ask_total else "", _RIGHT)
        self._cell(p, self.cols.bids, f"{bid_total:,}" if bid_total else "", _LEFT)
        if below:
            p.setFont(self.small_bold)
            p.setPen(TEXT)
            self._cell(p, self.cols.price, below, _CENTRE, inset=1)
            p.setFont(self.small)
        else:
            p.setPen(MUTED)
            self._cell(p, self.cols.price, total_label, _CENTRE, inset=1)
        if second_line:
            p.setPen(TEXT)
            p.drawText(QRect(4, self.height, self.width - 8, self.height), _CENTRE,
                       self.small_metrics.elidedText(second_line, Qt.TextElideMode.ElideRight,
                                                     self.width - 8))
        p.setPen(GRID)
        p.drawLine(0, self.height - 1, self.width, self.height - 1)
        p.end()
        return pixmap
