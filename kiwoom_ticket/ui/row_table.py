"""The app's tables (the order log, 미체결, 체결): a QTableView that paints whole rows,
not cells.

A QTableView asks its delegate to paint each visible cell, and the delegate asks the
model for each cell's text, colours, font and alignment: with a Python model that is a
call from C++ into Python per cell and role (~4.5 us each; 8-40 ms for one repaint of the
log). Here the viewport's paint is one Python call that draws each visible row as one
pixmap, made once from the model's RowView (table_model.py) (texts and colours worked out once per change)
and kept while the row looks the same. Qt still does everything else: scrolling,
selection, keyboard, tooltips (model.data), the header, visualRect/indexAt.

A row looks as QStyledItemDelegate would draw it in a QTableView: the selection in the
palette's Highlight with HighlightedText, else the late-order or chain tint (the model's
BackgroundRole), each column's own colour (its declaration's `colour`), numbers right
aligned, long texts elided on the right, the grid lines.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QEvent, QLine, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from . import theme
from .table_model import RowView, TableModel

MIN_CACHED_ROWS = 64  # row pixmaps kept: a few screenfuls (one row ~1,300 x 24 px)

PLAIN, TINTED, LATE, SELECTED = range(4)


class _Layout:
    """Where each visible column is within a row, as the header has them now."""

    def __init__(self, table: QTableView) -> None:
        # Here, not at the top: QStyle's enums cost ~10 ms to build, and the log needs
        # them only once it has rows (after the window has shown).
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        header = table.horizontalHeader()
        grid = 1 if table.showGrid() else 0
        self.columns: list[tuple[int, int, int]] = []  # (column, x in the row, width)
        for visual in range(header.count()):
            col = header.logicalIndex(visual)
            if header.isSectionHidden(col):
                continue
            self.columns.append((col, header.sectionPosition(col), header.sectionSize(col)))
        self.width = max(1, header.length())
        self.grid = grid
        self.margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                None, table) + 1
        self.metrics = QFontMetrics(table.font())
        height = table.verticalHeader().defaultSectionSize() - grid
        # Vertically centred as Qt centres a line of text in a cell.
        self.baseline = (height - self.metrics.height()) // 2 + self.metrics.ascent()
        self._widths: dict[str, int] = {}  # texts repeat (labels, names): measured once
        option = QStyleOptionViewItem()
        option.initFrom(table)
        self.grid_color = QColor.fromRgba(
            table.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, table)
            & 0xFFFFFFFF)

    def width_of(self, text: str) -> int:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 20_000:
                self._widths.clear()
            width = self._widths[text] = self.metrics.horizontalAdvance(text)
        return width


class RowTable(QTableView):
    """A QTableView over a TableModel whose viewport paints from row pixmaps (any other
    model is painted by Qt, cell by cell)."""

    painted = Signal()  # after each paint of the rows (the bench times the log by it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmaps: OrderedDict[tuple[Any, ...], QPixmap] = OrderedDict()
        self._layout: _Layout | None = None
        self._look: tuple[Any, ...] = ()  # what every pixmap depends on besides its row
        self._right: frozenset[int] = frozenset()  # the model's right-aligned columns
        self.rows_painted = 0  # rows drawn so far (for tests and the bench)
        self.rows_rendered = 0  # row pixmaps made so far
        header = self.horizontalHeader()
        for signal in (header.sectionResized, header.sectionMoved, header.geometriesChanged,
                       header.sectionCountChanged):
            signal.connect(self._forget_layout)
        # A list of whole rows: selected whole, never edited in place, one line each, every
        # row as high as the font wants (fixed: no per-row measuring), no row numbers.
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(max(24, self.fontMetrics().height() + 8))  # font, not px
        vertical.hide()

    # ---- what a row looks like --------------------------------------------------------

    def _forget_layout(self, *_args: object) -> None:
        self._layout = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.ActivationChange):
            self._layout = None
        super().changeEvent(event)

    def _current_layout(self) -> _Layout:
        if self._layout is None:
            self._layout = _Layout(self)
            self._pixmaps.clear()
        return self._layout

    def _group(self) -> QPalette.ColorGroup:
        if not self.isEnabled():
            return QPalette.ColorGroup.Disabled
        active = self.isActiveWindow()
        return QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive

    def _render(self, view: RowView, state: int, layout: _Layout, height: int,
                group: QPalette.ColorGroup) -> QPixmap:
        self.rows_rendered += 1
        palette = self.palette()
        dpr = self.viewport().devicePixelRatioF()
        pixmap = QPixmap(max(1, round(layout.width * dpr)), max(1, round(height * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        if state == SELECTED:
            pixmap.fill(palette.color(group, QPalette.ColorRole.Highlight))
        elif state == LATE:
            pixmap.fill(theme.LATE_TINT)
        elif state == TINTED:
            pixmap.fill(theme.LINEAGE_TINT)
        else:
            pixmap.fill(palette.color(group, QPalette.ColorRole.Base))
        painter = QPainter(pixmap)
        try:
            painter.setFont(self.font())
            text_colour = palette.color(group, QPalette.ColorRole.HighlightedText
                                        if state == SELECTED else QPalette.ColorRole.Text)
            grid, margin, baseline = layout.grid, layout.margin, layout.baseline
            width_of = layout.width_of
            lines = []
            for col, x, width in layout.columns:
                cell_w = width - grid
                text = view.text[col]
                if text:
                    brush = None if state == SELECTED else view.foreground.get(col)
                    painter.setPen(brush.color() if brush is not None else text_colour)
                    room = cell_w - 2 * margin
                    advance = width_of(text)
                    if advance > room:
                        text = layout.metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
                        advance = width_of(text)
                    left = x + margin + (room - advance if col in self._right else 0)
                    painter.drawText(left, baseline, text)
                if grid:
                    lines.append(QLine(x + cell_w, 0, x + cell_w, height - grid))
            if grid:
                lines.append(QLine(0, height - grid, layout.width, height - grid))
                painter.setPen(layout.grid_color)
                painter.drawLines(lines)
        finally:
            painter.end()
        return pixmap

    # ---- painting ---------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if not isinstance(model, TableModel):
            super().paintEvent(event)
            return
        self._right = model.spec.right
        count = model.rowCount()
        area = event.rect()
        first = self.rowAt(area.top())
        if count == 0 or first < 0:
            return
        last = self.rowAt(area.bottom())
        if last < 0:
            last = count - 1
        layout = self._current_layout()
        group = self._group()
        look = (group, self.viewport().devicePixelRatioF(), self.font().key(),
                self.palette().cacheKey())
        if look != self._look:
            self._look = look
            self._pixmaps.clear()
        selection = self.selectionModel()
        selected = {i.row() for i in selection.selectedRows()} if selection else set()
        height = self.rowHeight(first)
        x0 = -self.horizontalHeader().offset()
        y = self.rowViewportPosition(first)
        pixmaps = self._pixmaps
        keep = max(MIN_CACHED_ROWS, 3 * (last - first + 1))
        painter = QPainter(self.viewport())
        try:
            for row in range(first, last + 1):
                view = model.row_view(row)
                tinted = model.is_tinted(view)
                state = (SELECTED if row in selected else LATE if view.late
                         else TINTED if tinted else PLAIN)
                key = (view.key, state)
                pixmap = pixmaps.get(key)
                if pixmap is None:
                    pixmap = pixmaps[key] = self._render(view, state, layout, height, group)
                    while len(pixmaps) > keep:
                        pixmaps.popitem(last=False)
                else:
                    pixmaps.move_to_end(key)
                painter.drawPixmap(x0, y, pixmap)
                y += height
        finally:
            painter.end()
        self.rows_painted += last - first + 1
        self.painted.emit()

    # ---- older rows in front, the view standing still --------------------------------

    def follow(self, row: int) -> None:
        """Scroll so that row `row` (just added at the end) shows whole. The scroll bar's
        range must take the new row in first, or the view stops one row short (its last
        row half hidden)."""
        self.executeDelayedItemsLayout()
        self.scrollTo(self.model().index(row, 0))

    def keep_in_place(self, rows_in_front: int) -> None:
        """`rows_in_front` rows were just put before the first row: scroll by as much, so
        the rows on screen stay where they are."""
        self.executeDelayedItemsLayout()  # the scroll bar's new range, now
        bar = self.verticalScrollBar()
        step = 1 if self.verticalScrollMode() is QAbstractItemView.ScrollMode.ScrollPerItem \
            else self.verticalHeader().defaultSectionSize()
        bar.setValue(bar.value() + rows_in_front * step)
