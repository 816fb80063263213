"""What every ticket tab is: its fields laid out with a message under each, Enter to
send and Esc to clear, and three collaborators it owns:

- `ValidationView` (validation_view.py): the messages next to the fields;
- `QuoteLookup` (quote_lookup.py): the stock's quote and the line that shows it;
- `SendPipeline` (send_pipeline.py): validate -> precautions -> ask once -> journal and
  send through the worker.

The tabs (new_order_form.py: Buy and Sell; amend_forms.py: Modify and Cancel) subclass
this and build their own fields; the collaborators reach the form only through the
methods their protocols name (`QuoteOwner`, `TicketSource`)."""

from __future__ import annotations

import asyncio
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

from ..domain.bracket_entry import BracketPlan
from ..domain.environment import Environment
from ..domain.environment import exchange_unavailable_reason as env_unavailable
from ..domain.exchange import Exchange
from ..domain.order_ledger import OrderLedger
from ..domain.orders import Action, OrderRequest
from ..domain.precautions import Precautions
from ..domain.records import OrderRecord
from ..domain.send_decision import Ask, Confirm, Decision
from ..domain.validation import Field, MarketContext, Report, TicketInput, normalise_stock_code
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
from .session_bridge import SessionBridge
from .tasks import TaskRunner
from .validation_view import ValidationView

SendTask = asyncio.Task[list[OrderRecord] | None]


class TicketForm(QFrame):
    """Base of the four tabs. Subclasses build their fields (`_build_fields`) and list
    them in `inputs`, by TicketInput field."""

    action: Action = Action.BUY
    exchange: ItemCombo  # each tab builds its own (exchange_combo)
    submit_key = "submit.buy"
    keys_hint = "form.keys_hint"  # what Enter and Esc do on this tab
    quote_clickable = False  # whether the quote line's prices fill a price field
    sent = Signal(list)  # the records a send produced
    busy_changed = Signal(bool)
    quote_shown = Signal(object)  # the Quote now on the quote line (the account follows it)
    # The tab's price fields, where it has them (Cancel has none); every tab has a quantity.
    price: TickPriceEdit | None = None
    stop_price: TickPriceEdit | None = None
    quantity: QLineEdit

    def __init__(
        self,
        session: SessionBridge,
        dialogs: DialogService,
        book: OrderLedger | None = None,
        parent: QWidget | None = None,
        *,
        precautions: PrecautionSource = saved_precautions,
        status: StatusChannel | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ticketForm")
        self.setProperty("ticket", self.action.name.lower())  # its look: theme.WINDOW_STYLE
        self.session = session
        # The account's orders (Qt-free): duplicate checks, originals, sides.
        self.book = book if book is not None else OrderLedger()
        self.status = status or StatusChannel()  # the app's one status channel
        # The window's task runner (its lookups and sends); until the window hands one
        # to every panel, a runner of this form's own on the same status channel.
        self.tasks = tasks if tasks is not None else TaskRunner(self.status)
        self._i18n: list[tuple[Callable[[str], None], str]] = []
        self._code = ""  # the stock code the price, limits and messages were set for
        self.tick_buttons: TickButtons | None = None

        self.outer = outer = QVBoxLayout(self)  # the card of Modify/Cancel goes on top
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

        # The collaborators, before the fields: building a field may ask the quote.
        self.issues = ValidationView()
        self.boxes: dict[Field, FieldBox] = self.issues.boxes
        self.quotes = QuoteLookup(self, session, self.tasks, self.quote_line)
        self.pipeline = SendPipeline(self, session, dialogs, self.book, self.status,
                                     self.tasks, precautions)

        # What the ticket holds, by TicketInput field: one collect() for every tab.
        self.inputs: dict[str, QLineEdit | ItemCombo] = {}
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
        return self.issues.add(f, box)

    def add_stock_field(self) -> None:
        self.add_field(Field.STOCK_CODE, "field.stock_code", self.stock)
        self.form.addRow("", self.quote_line)

    def add_price_field(self, key: str, edit: TickPriceEdit) -> FieldBox:
        """The price, with −1호가 / +1호가 beside it; the quote line's prices fill it."""
        self.tick_buttons = TickButtons(edit)
        edit.stepped.connect(lambda _p: self.issues.clear(Field.PRICE))
        return self.add_field(Field.PRICE, key, edit, trailing=self.tick_buttons)

    def price_edit(self) -> TickPriceEdit:
        """A price field that steps on the tick grid of the quote's stock, within its
        limits."""
        edit = TickPriceEdit()
        edit.set_reference(self.current_price)
        edit.set_limits(self.price_limits)
        return edit

    def exchange_combo(self) -> ItemCombo:
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

    def load_order(self, order: OrderRequest) -> None:
        """Fill the fields from `order` (subclasses)."""
        raise NotImplementedError

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        """Hook: what the order changes, for its confirmation (the Modify tab)."""
        return []

    def sellable(self) -> int | None:
        """Hook: the account's sellable shares of this stock, when the tab checks them."""
        return None

    def orderable_cash(self) -> int | None:
        """Hook: the account's orderable cash, when the tab checks a buy against it."""
        return None

    def quote_arrived(self, quote: Quote) -> None:
        """Hook for tabs that prefill from the quote (its first arrival for a code)."""

    def no_quote_text(self) -> str:
        """What the quote line says with no quote and nothing looked up (hook)."""
        return self.quotes.known_name

    def reset_defaults(self) -> None:
        """Hook: values a cleared tab starts from."""

    def bracket_plan(self) -> BracketPlan | None:
        """The bracket the order leaves with (the Buy tab's section, when open)."""
        return None

    def form_issues(self) -> Report:
        """What this tab knows is wrong beyond the fields themselves (a stock the lookup
        did not find); subclasses add theirs. Errors here block the send."""
        return self.quotes.issues()

    # ---- language and environment ----------------------------------------------------------

    def retranslate(self) -> None:
        for setter, key in self._i18n:
            setter(tr(key))
        self.issues.retranslate()
        if self.tick_buttons is not None:
            self.tick_buttons.retranslate()
        self.quotes.show()
        self.update_estimate()
        self.retranslate_submit()

    def retranslate_submit(self) -> None:
        self.submit_button.setText(self.pipeline.button_text())

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

    # ---- the stock and its quote (QuoteLookup) --------------------------------------------

    def stock_code(self) -> str:
        return normalise_stock_code(self.stock.text())

    def stock_name(self) -> str:
        return self.quotes.stock_name()

    def market(self) -> MarketContext | None:
        q = self.quotes.current()
        sellable, cash = self.sellable(), self.orderable_cash()
        if q is None:
            if sellable is None and cash is None:
                return None
            return MarketContext(sellable=sellable, orderable_cash=cash)
        return MarketContext(q.base or None, q.current or None, q.upper or None, q.lower or None,
                             sellable, cash)

    def logged_order(self, ord_no: str) -> OrderRecord | None:
        """The order the book knows by this number, today."""
        return self.book.by_ord_no(ord_no) if ord_no else None

    def current_price(self) -> int | None:
        m = self.market()
        return m.current_price if m else None

    def price_limits(self) -> tuple[int, int] | None:
        m = self.market()
        return m.limits() if m else None

    def price_editors(self) -> list[TickPriceEdit]:
        return [e for e in (self.price, self.stop_price) if e is not None]

    @property
    def lookup_task(self) -> asyncio.Task[None] | None:
        return self.quotes.lookup_task

    @property
    def refresh_task(self) -> asyncio.Task[None] | None:
        return self.quotes.refresh_task

    def lookup(self) -> None:
        self.quotes.lookup()

    def refresh_quote(self) -> asyncio.Task[None] | None:
        return self.quotes.refresh()

    def live_trade(self, price: int, volume: int) -> None:
        self.quotes.live_trade(price, volume)

    def forget_quote(self, loading: bool, clear_prices: bool = True) -> None:
        """Another environment: the quote, its limits and (`clear_prices`) a price taken
        from it are the old environment's (see QuoteLookup.forget)."""
        self.quotes.forget(loading)
        if clear_prices:
            for editor in self.price_editors():
                if editor.isEnabled():
                    editor.clear()
        self.quotes.show()
        self.update_estimate()

    def stop(self) -> None:
        """The window is closing: lookups in flight are dropped (their fields go)."""
        self.quotes.stop()

    def _stock_changed(self, _text: str) -> None:
        code = self.stock_code()
        if code != self._code:
            # A price, the limits shown and the warnings belong to the stock they were set
            # for: another stock starts clean (its quote fills the price again).
            self._code = code
            self.quotes.known_name = ""
            for editor in self.price_editors():
                if editor.isEnabled():
                    editor.clear()
            self.issues.clear()
        else:
            self.issues.clear(Field.STOCK_CODE)
        self.quotes.lookup()

    # QuoteOwner: what the lookup tells the form.

    def quote_changed(self, quote: Quote | None) -> None:
        self.update_estimate()
        if quote is not None:
            self.quote_shown.emit(quote)

    def stock_not_found(self) -> None:
        self.issues.show(Field.STOCK_CODE, self.form_issues().issues)

    def quote_painted(self) -> None:
        self.sync_presets()

    def show_known_stock(self, name: str) -> None:
        """The stock's name as the log knows it, until its quote is in."""
        self.quotes.known_name = name
        self.quotes.show()

    def takes_price(self) -> bool:
        """Whether the order as set up now has a price to fill (a market type has none)."""
        return self.price is not None and self.price.isEnabled()

    def sync_presets(self) -> None:
        self.quote_line.allow(self.takes_price())

    def choose_price(self, price: int) -> None:
        """A price clicked on the quote line: into the price field, when it takes one."""
        if self.price is None or not self.price.isEnabled():
            return
        self.price.setText(str(price))
        self.issues.clear(Field.PRICE)

    def clear(self) -> None:
        """Esc: empty the inputs and the messages (exchange and order type stay)."""
        for box in self.boxes.values():
            box.clear_issues()
            editor = box.editor
            if isinstance(editor, QLineEdit) and editor.isEnabled():
                editor.clear()
        self.quotes.clear()
        self.reset_defaults()
        self.quotes.show()
        self.update_estimate()

    # ---- sending (SendPipeline) --------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A ticket of this tab is waiting, being asked about or on its way."""
        return self.pipeline.busy

    @property
    def last_task(self) -> SendTask | None:
        return self.pipeline.last_task

    def request_submit(self) -> SendTask | None:
        """Send what the form holds now (Enter, the submit button): see
        SendPipeline.submit."""
        return self.pipeline.submit(Confirm.AS_DECIDED)

    def submit(self, confirm: Confirm) -> SendTask | None:
        """`request_submit`, asking as `confirm` says (the 호가창's drag, × and one-click)."""
        return self.pipeline.submit(confirm)

    def resend(self, order: OrderRequest, stock_name: str) -> SendTask | None:
        """Send `order` (a request the exchange never took) again, always asking."""
        return self.pipeline.resend(order, stock_name)

    def precautions(self) -> Precautions:
        return self.pipeline.precautions()

    def decision(self, order: OrderRequest | None = None, resend: bool = False,
                 ticket: TicketInput | None = None) -> Decision:
        return self.pipeline.decision(order, resend, ticket)

    def validate(self) -> tuple[Report, OrderRequest | None, bool]:
        """(report, order if clean, whether a yes needs the mouse)."""
        d = self.decision()
        return d.report, d.order, d.ask is Ask.MOUSE

    @property
    def dialogs(self) -> DialogService:
        """Where this tab's questions open: the pipeline's (one place, so a swap, as the
        screenshot script does for a real dialog, is the one the send uses)."""
        return self.pipeline.dialogs

    @dialogs.setter
    def dialogs(self, dialogs: DialogService) -> None:
        self.pipeline.dialogs = dialogs

    # TicketSource: what the pipeline tells the form and asks of it.

    async def quote_settled(self) -> None:
        await self.quotes.settled()

    def show_order(self, order: OrderRequest, stock_name: str) -> None:
        self.load_order(order)
        self.show_known_stock(stock_name)

    def show_report(self, report: Report) -> None:
        self.issues.show_report(report)

    def show_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.retranslate_submit()
        self.busy_changed.emit(busy)

    def order_sent(self, records: list[OrderRecord]) -> None:
        self.after_sent(records)
        self.sent.emit(records)


def _value(widget: QLineEdit | ItemCombo) -> str:
    """A field's text: a combo's chosen value, an edit's text."""
    return str(widget.value()) if isinstance(widget, ItemCombo) else widget.text()
