"""What every ticket tab shares: fields with messages under them, the stock lookup,
Enter to send and Esc to clear, and the send pipeline (validate -> precautions ->
ask once -> journal and send through the worker)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.environment import Environment
from ..domain.environment import exchange_unavailable_reason as env_unavailable
from ..domain.exchange import Exchange
from ..domain.order_book import OrderBook
from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.validation import (
    Field,
    MarketContext,
    Report,
    TicketInput,
    normalise_stock_code,
    unknown_stock_issue,
)
from ..service import Quote
from ..service.status import StatusChannel
from . import theme
from .dialogs import DialogService
from .fields import FieldBox, ItemCombo, TickPriceEdit
from .i18n import pick, tr
from .precaution_store import PrecautionSource, saved_precautions
from .quote_line import QuoteLine, TickButtons
from .quote_lookup import QuoteLookup
from .send_pipeline import SendPipeline
from .session import TradingSession

log = logging.getLogger(__name__)


class TicketForm(QuoteLookup, SendPipeline, QFrame):
    """Base of the four tabs. Subclasses build fields and implement `collect`."""

    action: Action = Action.BUY
    exchange: ItemCombo  # each tab builds its own (exchange_combo)
    submit_key = "submit.buy"
    keys_hint = "form.keys_hint"  # what Enter and Esc do on this tab
    quote_clickable = False  # whether the quote line's prices fill a price field
    sent = Signal(list)  # the records a send produced
    busy_changed = Signal(bool)
    quote_shown = Signal(object)  # the Quote now on the quote line (the account follows it)

    def __init__(
        self,
        session: TradingSession,
        dialogs: DialogService,
        book: OrderBook | None = None,
        parent: QWidget | None = None,
        *,
        precautions: PrecautionSource = saved_precautions,
        status: StatusChannel | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketForm")
        self.setProperty("ticket", self.action.name.lower())  # its look: theme.WINDOW_STYLE
        self.session = session
        self.dialogs = dialogs
        # The account's orders (Qt-free): duplicate checks, originals, sides.
        self.book = book if book is not None else OrderBook()
        self.status = status or StatusChannel()  # the app's one status channel
        self._precautions = precautions
        self._i18n: list[tuple[Callable[[str], None], str]] = []
        # The send pipeline's state: tickets waiting for the question before them, a
        # question open, orders on their way (and what they are, for duplicate checks).
        self._waiting = 0
        self._asking = False
        self._sending = 0
        self._submitted: list[OrderRecord] = []
        self._undecided: list[TicketInput] = []  # read at a key or click, not yet asked/sent
        self._deciding = asyncio.Lock()
        self._quote: Quote | None = None
        self._known_name = ""  # a name from the selected log row, when no quote is in
        self._code = ""  # the stock code the price, limits and messages were set for
        self._unknown_code: str | None = None  # a code the lookup said does not exist
        self._quote_note: tuple[str, str | None] | None = None  # looking up / failed
        self.last_task: asyncio.Task | None = None
        self.lookup_task: asyncio.Task | None = None  # the first lookup of a code
        self.refresh_task: asyncio.Task | None = None  # a later one (poll, tab change)
        self.boxes: dict[Field, FieldBox] = {}
        self.tick_buttons: TickButtons | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.setSpacing(8)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        outer.addLayout(self.form)

        self.stock = QLineEdit()
        self.stock.setMaxLength(12)
        self.stock.setPlaceholderText("005930")
        self.quote_line = QuoteLine(clickable=self.quote_clickable)
        self.stock_info = self.quote_line.info  # the name, or what the lookup is doing

        self.estimate = QLabel()
        self.estimate.setObjectName("estimate")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submit")
        self.clear_button = QPushButton()
        self._bind(self.clear_button.setText, "form.clear")
        self.hint = QLabel()
        self.hint.setStyleSheet(theme.MUTED_STYLE)
        self._bind(self.hint.setText, self.keys_hint)

        # What the ticket holds, by TicketInput field: one collect() for every tab.
        self.inputs: dict[str, QWidget] = {}
        self._build_fields()  # every field exists before any signal is connected

        outer.addWidget(self.estimate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button, 1)
        buttons.addWidget(self.clear_button)
        outer.addLayout(buttons)
        outer.addWidget(self.hint)
        outer.addStretch(1)

        self.stock.textChanged.connect(self._stock_changed)
        self.quote_line.price_chosen.connect(self.choose_price)
        self.submit_button.clicked.connect(self.request_submit)
        self.clear_button.clicked.connect(self.clear)
        self._connect_fields()
        self.retranslate()

    def collect(self) -> TicketInput:
        """What the tab holds, as typed: every tab's `inputs`, a disabled field as empty."""
        values = {name: _value(widget) if widget.isEnabled() else ""
                  for name, widget in self.inputs.items()}
        return TicketInput(action=self.action, stock_code=self.stock.text(), **values)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter sends (once however long it is held) and Esc clears. Line edits and closed combo boxes pass both keys
        up to here, so this works from any field of the tab."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.isAutoRepeat():
            event.accept()  # an Enter held down is one press: it sent (or asked) once
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = QApplication.focusWidget()
            if isinstance(focused, QAbstractButton) and focused is not self.submit_button:
                focused.click()  # Enter on "Clear" clears; it never sends
            else:
                self.request_submit()
            event.accept()
        elif key == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
        else:
            super().keyPressEvent(event)

    # ---- building ------------------------------------------------------------------------

    def _build_fields(self) -> None:
        """Create the tab's fields (no signals yet) and list them in `inputs`."""
        raise NotImplementedError

    def _connect_fields(self) -> None:
        """Connect the tab's fields, once all of them exist; set their first state."""

    def _bind(self, setter: Callable[[str], None], key: str) -> None:
        self._i18n.append((setter, key))
        setter(tr(key))

    def add_field(
        self, f: Field, key: str, editor: QWidget, trailing: QWidget | None = None
    ) -> FieldBox:
        box = FieldBox(editor, trailing=trailing)
        label = QLabel()
        self._bind(label.setText, key)
        self.form.addRow(label, box)
        self.boxes[f] = box
        return box

    def add_stock_field(self) -> None:
        self.add_field(Field.STOCK_CODE, "field.stock_code", self.stock)
        self.form.addRow("", self.quote_line)

    def add_price_field(self, key: str, edit: TickPriceEdit) -> FieldBox:
        """The price, with −1호가 / +1호가 beside it; the quote line's prices fill it."""
        self.tick_buttons = TickButtons(edit)
        edit.stepped.connect(lambda _p: self.boxes[Field.PRICE].clear_issues())
        return self.add_field(Field.PRICE, key, edit, trailing=self.tick_buttons)

    def exchange_combo(self) -> ItemCombo:
        from ..domain.exchange import Exchange

        combo = ItemCombo()
        for ex in Exchange:
            combo.add(pick(ex.label), ex.value)
        return combo

    def set_field_visible(self, f: Field, visible: bool) -> None:
        self.form.setRowVisible(self.boxes[f], visible)

    # ---- what subclasses supply ------------------------------------------------------------


    def after_sent(self, records: list[OrderRecord]) -> None:
        """Hook: what a tab does once its order went out."""

    def update_estimate(self) -> None:
        self.estimate.clear()

    # ---- language and environment ----------------------------------------------------------

    def retranslate(self) -> None:
        for setter, key in self._i18n:
            setter(tr(key))
        for box in self.boxes.values():
            box.render()
        if self.tick_buttons is not None:
            self.tick_buttons.retranslate()
        self._show_quote()
        self.update_estimate()
        self.retranslate_submit()

    def on_env_changed(self, env: Environment) -> None:
        """Subclasses disable what `env` cannot do."""

    def offer_exchanges(self, env: Environment) -> None:
        """Grey out the exchanges `env` can't reach (with the reason as tooltip) and fall
        back to KRX if the chosen one is among them."""
        for ex in Exchange:
            reason = env_unavailable(env, ex)
            self.exchange.set_enabled_value(ex.value, pick(reason) if reason else None)
        if not self.exchange.is_value_enabled(self.exchange.value()):
            self.exchange.select(Exchange.KRX.value)

    # ---- the stock lookup ------------------------------------------------------------------

    def stock_code(self) -> str:
        return normalise_stock_code(self.stock.text())

    def stock_name(self) -> str:
        if self._quote and self._quote.code == self.stock_code():
            return self._quote.name
        return self._known_name

    def market(self) -> MarketContext | None:
        q = self._quote
        sellable, cash = self.sellable(), self.orderable_cash()
        if q is None or q.code != self.stock_code():
            if sellable is None and cash is None:
                return None
            return MarketContext(sellable=sellable, orderable_cash=cash)
        return MarketContext(q.base or None, q.current or None, q.upper or None, q.lower or None,
                             sellable, cash)

    def logged_order(self, ord_no: str) -> OrderRecord | None:
        """The order the book knows by this number, today."""
        return self.book.by_ord_no(ord_no) if ord_no else None

    def sellable(self) -> int | None:
        """Hook: the account's sellable shares of this stock, when the tab checks them."""
        return None

    def orderable_cash(self) -> int | None:
        """Hook: the account's orderable cash, when the tab checks a buy against it."""
        return None

    def current_price(self) -> int | None:
        m = self.market()
        return m.current_price if m else None

    def price_limits(self) -> tuple[int, int] | None:
        m = self.market()
        return m.limits() if m else None

    def price_editors(self) -> list[TickPriceEdit]:
        return [e for e in (getattr(self, "price", None), getattr(self, "stop_price", None))
                if isinstance(e, TickPriceEdit)]

    def _stock_changed(self, _text: str) -> None:
        code = self.stock_code()
        if code != self._code:
            # A price, the limits shown and the warnings belong to the stock they were set
            # for: another stock starts clean (its quote fills the price again).
            self._code = code
            self._known_name = ""
            for editor in self.price_editors():
                if editor.isEnabled():
                    editor.clear()
            for box in self.boxes.values():
                box.clear_issues()
        else:
            self.boxes[Field.STOCK_CODE].clear_issues()
        self.lookup()

    def form_issues(self) -> Report:
        """What this tab knows is wrong beyond the fields themselves (a stock the lookup
        did not find); subclasses add theirs. Errors here block the send."""
        code = self.stock_code()
        if self._unknown_code is not None and self._unknown_code == code:
            return Report((unknown_stock_issue(code),))
        return Report()

    def takes_price(self) -> bool:
        """Whether the order as set up now has a price to fill (a market type has none)."""
        price = getattr(self, "price", None)
        return isinstance(price, TickPriceEdit) and price.isEnabled()

    def sync_presets(self) -> None:
        self.quote_line.allow(self.takes_price())

    def choose_price(self, price: int) -> None:
        """A price clicked on the quote line: into the price field, when it takes one."""
        if not self.takes_price():
            return
        # A tab that takes a price has a price field (TicketForm does not declare it).
        self.price.setText(str(price))  # type: ignore[attr-defined]  # as above
        self.boxes[Field.PRICE].clear_issues()

    def clear(self) -> None:
        """Esc: empty the inputs and the messages (exchange and order type stay)."""
        for box in self.boxes.values():
            box.clear_issues()
            editor = box.editor
            if isinstance(editor, QLineEdit) and editor.isEnabled():
                editor.clear()
        self._known_name = ""
        self._quote = None
        self._quote_note = None
        self._unknown_code = None
        self.reset_defaults()
        self._show_quote()
        self.update_estimate()

    def reset_defaults(self) -> None:
        """Hook: values a cleared tab starts from."""


def _value(widget: QWidget) -> str:
    """A field's text: a combo's chosen value, an edit's text."""
    value = getattr(widget, "value", None)
    return str(value()) if callable(value) else widget.text()  # type: ignore[attr-defined]  # an edit
