"""The quote line under the stock code (name, 현재가 with its change, 상한가, 하한가, the
time of the quote) whose prices fill the price field when clicked (호가 프리셋), and the
−1호가 / +1호가 buttons beside a price.

Every button here is a mouse helper: NoFocus, so Tab still goes quantity -> price."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..service import Quote
from . import (
    stream_texts,  # noqa: F401  (registers the quote's volume text)
    theme,
)
from .elided import ElidedLabel
from .fields import TickPriceEdit
from .i18n import tr
from .quantity_helper import BUTTON_STYLE

NOTE_EVERY_MS = 250  # the quote's time and volume: at most 4 repaints a second
PRESETS = ("current", "upper", "lower")  # also the i18n keys quote.<name>
_COLOURS = {"current": "#222222", "upper": theme.BUY.name(), "lower": theme.SELL.name()}
DISABLED_TEXT = "#a0a0a0"


def _link_style(colour: str, clickable: bool) -> str:
    """Text that reads as a link; greyed when the order type takes no price.
    Where nothing can be clicked (the Cancel tab) the prices keep their colours."""
    disabled = DISABLED_TEXT if clickable else colour
    return (
        f"QLabel {{ color: {colour}; }}"
        f"QLabel:hover {{ background: rgba(0, 0, 0, 0.06); }}"
        f"QLabel:disabled {{ color: {disabled}; }}"
    )


class PriceLink(QLabel):
    """A price on the quote line that clicks like a link. A label rather than a button:
    its text lines up with the stock name above it and can be underlined. Disabled, it
    receives no mouse events at all. Never takes the focus (Tab stays quantity -> price)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(self.fontMetrics().height() + 3)  # room for the underline

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.isEnabled() or not self.text():
            return
        # Underlined like a link exactly when it is one. Drawn here: a style sheet on
        # the form drops a font's underline and ignores text-decoration on labels.
        metrics = self.fontMetrics()
        top = (self.height() - metrics.height()) // 2
        y = min(top + metrics.ascent() + max(metrics.underlinePos(), 1), self.height() - 1)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawLine(0, y, metrics.horizontalAdvance(self.text()) - 1, y)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)


def _step_button() -> QPushButton:
    """Small framed buttons, like the quantity's 10% / 25% / 50% / 최대."""
    button = QPushButton()
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAutoDefault(False)
    button.setStyleSheet(BUTTON_STYLE)
    return button


def change_text(quote: Quote) -> tuple[str, str | None]:
    """등락: '▲1,500 (+0.76%)' against the base price, and its colour (red up, blue
    down, as on Korean screens); ('', None) without a base price."""
    if not quote.base or not quote.current:
        return "", None
    diff = quote.current - quote.base
    pct = diff * 100 / quote.base
    if diff > 0:
        return f"▲{diff:,} ({pct:+.2f}%)", theme.BUY.name()
    if diff < 0:
        return f"▼{-diff:,} ({pct:+.2f}%)", theme.SELL.name()
    return "0 (0.00%)", None


class _Body(QWidget):
    """The quote line's labels and their layout, fixed at the line's size (see
    QuoteLine.sizeHint)."""

    def __init__(self, line: QuoteLine) -> None:
        super().__init__(line)
        self._line = line
        self.setFixedSize(0, 0)  # until the line has a size of its own

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # the layout was just activated
            self._line.body_relaid()
        return done


class QuoteLine(QWidget):
    """Line 1: the stock name (or a lookup message), 현재가 and the change against the base
    price; line 2: 상한가, 하한가 and the time of the quote. `price_chosen` carries the
    clicked price. With `clickable=False` it only shows.

    Its height never changes: both lines are there, empty or not, so nothing under it
    moves when a quote arrives (a click aimed at the quantity must not land on 하한가)."""

    price_chosen = Signal(int)

    def __init__(self, clickable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clickable = clickable
        self._quote: Quote | None = None
        self._quoted_at: datetime | None = None
        self._allowed = False
        self._body = _Body(self)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_EVERY_MS)
        self._note_timer.timeout.connect(self._note_timer_ended)
        self._note_due = False
        self._note_code: str | None = None
        self._body_minimum = QSize()
        outer = QVBoxLayout(self._body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        first, second = QHBoxLayout(), QHBoxLayout()
        for row in (first, second):
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(8)
            outer.addLayout(row)
        self.info = ElidedLabel()
        self.info.setObjectName("stockInfo")
        self.info.setStyleSheet(theme.MUTED_STYLE)
        first.addWidget(self.info, 1)
        self.buttons: dict[str, PriceLink] = {}
        for name in PRESETS:
            button = PriceLink()
            button.setObjectName(f"preset_{name}")
            button.setStyleSheet(_link_style(_COLOURS[name], clickable))
            if name == "current":
                bold = QFont(button.font())
                bold.setBold(True)
                button.setFont(bold)
            button.clicked.connect(lambda n=name: self._clicked(n))
            self.buttons[name] = button
            (first if name == "current" else second).addWidget(button)
        # The change gives way (elided, whole in its tooltip) before the stock's name.
        self.change = ElidedLabel()
        self.change.setObjectName("quoteChange")
        first.addWidget(self.change)
        first.addStretch(1)
        self.time = ElidedLabel()  # gives way first when the line is narrow (English)
        self.time.setObjectName("quoteTime")
        self.time.setStyleSheet(theme.MUTED_STYLE)
        self.time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        second.addWidget(self.time, 1)
        for widget in (*self.buttons.values(), self.change, self.time):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # hidden or shown, the same room
            widget.setSizePolicy(policy)
        # Both lines always take their room, text or not.
        line = max(*(b.minimumHeight() for b in self.buttons.values()),
                   self.fontMetrics().height() + 3)
        self.setFixedHeight(2 * line + 2)
        self.show_quote(None)

    # The labels live in `_body`, a child exactly the line's size. A live quote changes
    # their texts many times a second, and each QLabel.setText relays out its parent; a
    # widget whose size is fixed tells no parent of that, so the relayout stops at the
    # body. Without it every quote relaid out the form, the tabs and the window, and
    # QTabWidget answers a relayout by repainting all of itself: the whole form, ~60
    # times a second under a fast feed (issue 26, figure 13a). The line tells its parent
    # when the room it needs changes (another stock's name, another language).

    def sizeHint(self) -> QSize:
        return self._body.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._body.minimumSizeHint()

    def body_relaid(self) -> None:
        """The body's layout was redone: its parent hears only of a new minimum."""
        minimum = self._body.minimumSizeHint()
        if minimum != self._body_minimum:
            self._body_minimum = minimum
            self.updateGeometry()

    @property
    def quote(self) -> Quote | None:
        return self._quote

    def value(self, name: str) -> int | None:
        q = self._quote
        price = getattr(q, name, 0) if q else 0
        return price if price and price > 0 else None

    def _clicked(self, name: str) -> None:
        price = self.value(name)
        if price is not None and self.clickable and self._allowed:
            self.price_chosen.emit(price)

    def show_message(self, text: str, tooltip: str | None = None) -> None:
        """A name without a quote, 'looking up…' or a failure: no prices shown."""
        self._quote = None
        self._quoted_at = None
        self._bold_name(False)
        self.info.set_text(text, tooltip)
        self._refresh()
        self._keep_name_whole()

    def show_quote(self, quote: Quote | None, fallback_name: str = "",
                   at: datetime | None = None) -> None:
        self._quote = quote
        self._quoted_at = at if quote else None
        self._bold_name(quote is not None)
        self.info.set_text(quote.name if quote else fallback_name)
        self._refresh()
        self._keep_name_whole()

    def allow(self, allowed: bool) -> None:
        """Whether the prices may fill the price field (the order type takes a price)."""
        if allowed == self._allowed:
            return  # the line already shows it (every quote is followed by this call)
        self._allowed = allowed
        self._refresh()

    def _bold_name(self, bold: bool) -> None:
        if self.info.font().bold() != bold:
            font = QFont(self.info.font())
            font.setBold(bold)
            self.info.setFont(font)

    # A live quote refreshes the line many times a second: each property is set only when
    # it changes (a style sheet re-polishes the widget; a cursor or tooltip is an event
    # through every application-wide filter).

    def _refresh(self) -> None:
        q = self._quote
        shown = q is not None
        for name, button in self.buttons.items():
            price = self.value(name)
            button.setVisible(shown)
            button.setText(f"{tr('quote.' + name)} {price:,}" if price else tr("quote." + name))
            enabled = self.clickable and self._allowed and price is not None
            button.setEnabled(enabled)
            cursor = (Qt.CursorShape.PointingHandCursor if enabled
                      else Qt.CursorShape.ArrowCursor)
            if button.cursor().shape() != cursor:
                button.setCursor(cursor)
            # Clickable, it says why it is grey: the order type sends no price.
            tip = "" if not self.clickable else (
                tr("preset.tip") if self._allowed else tr("price.none"))
            if button.toolTip() != tip:
                button.setToolTip(tip)
        change, colour = change_text(q) if q else ("", None)
        tip = tr("quote.change_tip", base=f"{q.base:,}") if q and q.base else ""
        self.change.set_text(change, f"{change}\n{tip}" if change and tip else tip)
        style = f"color: {colour};" if colour else ""
        if self.change.styleSheet() != style:
            self.change.setStyleSheet(style)
        self.change.setVisible(bool(change))
        code = q.code if q is not None else None
        if self._note_timer.isActive() and code == self._note_code:
            self._note_due = True  # shown when the timer ends: the latest then
        else:  # another stock's (or no) quote: never a moment of the last one's volume
            self._note_code = code
            self._show_note()

    def _show_note(self) -> None:
        """The quote's time and the day's volume. Under a fast feed it changes with every
        trade, ~60 times a second, and repainting it was most of the line's cost (issue
        26, figure 13a): it follows at most NOTE_EVERY_MS apart, the latest always shown
        (a trailing update), while the prices and the change stay live."""
        q, at = self._quote, self._quoted_at
        shown = q is not None
        note = tr("quote.time", time=at.strftime("%H:%M:%S")) if shown and at else ""
        if note and q is not None and q.volume:
            note = f"{note} · {tr('quote.live_volume', volume=f'{q.volume:,}')}"
        if note != self.time.text():
            self.time.set_text(note, f"{note}\n{tr('quote.time_tip')}" if note else "")
            if note:
                self._note_due = False
                self._note_timer.start()
        self.time.setVisible(shown and at is not None)

    def _note_timer_ended(self) -> None:
        if self._note_due:
            self._note_due = False
            self._show_note()

    def _keep_name_whole(self) -> None:
        """A stock's name is never cut while the line has room for it and the 현재가
        (TIGER 미국S&P500선물인버스(H) too): its width from the font, not pixels. A
        message (looking up, a failure) gives way instead, whole in its tooltip."""
        if self._quote is None:
            self.info.setMinimumWidth(0)
            return
        name = self.info.fontMetrics().horizontalAdvance(self.info.text()) + 2
        current = self.buttons["current"]
        room = self.width() - current.sizeHint().width() - 16
        self.info.setMinimumWidth(max(0, min(name, room)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._body.setFixedSize(self.size())
        self._keep_name_whole()

    def retranslate(self) -> None:
        self._refresh()
        self._keep_name_whole()


class TickButtons(QWidget):
    """−1호가 / +1호가 beside a price field; enabled exactly when the field is."""

    def __init__(self, edit: TickPriceEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.down = _step_button()
        self.up = _step_button()
        buttons: tuple[tuple[QAbstractButton, int], ...] = ((self.down, -1), (self.up, 1))
        for button, steps in buttons:
            button.setObjectName("tickDown" if steps < 0 else "tickUp")
            button.clicked.connect(lambda _=False, n=steps: edit.step(n))
            layout.addWidget(button)
        edit.installEventFilter(self)
        self._sync()
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.EnabledChange:
            self._sync()
        return False

    def _sync(self) -> None:
        enabled = self.edit.isEnabled()
        self.down.setEnabled(enabled)
        self.up.setEnabled(enabled)

    def retranslate(self) -> None:
        self.down.setText(tr("price.tick_down"))
        self.up.setText(tr("price.tick_up"))
        self.down.setToolTip(tr("price.tick_down_tip"))
        self.up.setToolTip(tr("price.tick_up_tip"))
