"""The Buy (매수) and Sell (매도) tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ..domain.bracket_entry import BracketPlan
from ..domain.environment import Environment
from ..domain.exchange import Exchange
from ..domain.orders import Action, NewOrder, OrderRequest
from ..domain.trade_types import BY_CODE, DEFAULT_CODE, TRADE_TYPES, TradeType
from ..domain.validation import Field
from ..service import AccountSnapshot, Holding, Quote
from ..service.status import Severity
from .bracket_entry_section import BracketEntrySection
from .fields import ItemCombo, TickPriceEdit, digits_only, parse_won
from .i18n import both, pick, tr
from .lang_texts import won
from .quantity_helper import QuantityHelper, share_of
from .quote_lookup import is_full_code
from .session_header import SessionHeader
from .stock_search_field import StockSearch
from .stock_source import StockSource
from .ticket_form import TicketForm


def type_label(tt: TradeType) -> str:
    return f"{pick(tt.label)} ({tt.code})"


class NewOrderForm(TicketForm):
    """Buy or sell: exchange, order type, stock, quantity, price and (for 28) stop price,
    with what the account can buy or sell under the quantity."""

    quote_clickable = True
    _account: AccountSnapshot | None = None
    price: TickPriceEdit
    stop_price: TickPriceEdit

    def __init__(self, action: Action, *args, **kwargs) -> None:
        if not action.is_new:
            raise ValueError("NewOrderForm takes BUY or SELL")
        self.action = action
        self.submit_key = "submit.buy" if action is Action.BUY else "submit.sell"
        super().__init__(*args, **kwargs)  # tint and submit colours: theme.WINDOW_STYLE

    def _build_fields(self) -> None:
        self.exchange = self.exchange_combo()
        self.trade_type = ItemCombo()
        for tt in TRADE_TYPES:
            self.trade_type.add(type_label(tt), tt.code)
        self.quantity = digits_only(QLineEdit())
        self.quantity.setMaxLength(12)
        self.price = self.price_edit()
        self.stop_price = self.price_edit()
        self.quantity_helper = QuantityHelper(self.action)

        # The venue's session over the fields; it greys the types the venue won't take now.
        self.session_header = SessionHeader(self.trade_type, self.selected_exchange,
                                            lambda: self.session.env)
        self.form.addRow(self.session_header)
        self.add_field(Field.EXCHANGE, "field.exchange", self.exchange)
        self.add_field(Field.TRADE_TYPE, "field.trade_type", self.trade_type)
        # The stock: search as you type, and the recent stocks beside the field.
        self._search_miss = False  # what is typed matches no stock
        self.stock_search = StockSearch(self.stock, StockSource.of(self.session))
        self.stock_search.no_match.connect(self._no_match)
        self.add_field(Field.STOCK_CODE, "field.stock_code", self.stock,
                       trailing=self.stock_search.recent)
        self.form.addRow("", self.quote_line)
        self.add_field(Field.QUANTITY, "field.quantity", self.quantity)
        self.form.addRow("", self.quantity_helper)
        self.add_price_field("field.price", self.price)
        self.add_field(Field.STOP_PRICE, "field.stop_price", self.stop_price)
        self.bracket: BracketEntrySection | None = None
        if self.action is Action.BUY:  # a bracket on entry: the buy leaves with it
            self.bracket = BracketEntrySection(self._bracket_base, self._typed_quantity,
                                               lambda: not self.selected_type().price_required,
                                               self.price_limits)
            self.form.addRow(self.bracket)
            self.issues.add(Field.BRACKET_TARGET, self.bracket.target_box)
            self.issues.add(Field.BRACKET_STOP, self.bracket.stop_box)
        self.inputs = {"exchange": self.exchange, "trade_type": self.trade_type,
                       "quantity": self.quantity, "price": self.price,
                       "stop_price": self.stop_price}

    def _connect_fields(self) -> None:
        self.exchange.currentIndexChanged.connect(self._exchange_changed)
        self.trade_type.currentIndexChanged.connect(self._type_changed)
        self.quantity.textChanged.connect(self._edited)
        self.price.textChanged.connect(self._edited)
        self.stop_price.textChanged.connect(self._edited)
        self.quantity_helper.fraction_chosen.connect(self.fill_fraction)
        self.stock.textChanged.connect(lambda _t: self.update_capacity())
        self.trade_type.select(DEFAULT_CODE)
        self._type_changed()

    # ---- state of the fields -----------------------------------------------------------

    def selected_exchange(self) -> Exchange:
        return Exchange(self.exchange.value())

    def selected_type(self) -> TradeType:
        return BY_CODE[str(self.trade_type.value())]

    def on_env_changed(self, env: Environment) -> None:
        self.offer_exchanges(env)
        self._exchange_changed()

    def _exchange_changed(self, *_args: object) -> None:
        self.session_header.refresh()  # greys the types this venue won't take, and why
        self.issues.clear(Field.EXCHANGE)

    def _type_changed(self, *_args: object) -> None:
        tt = self.selected_type()
        self.price.setEnabled(tt.price_required)
        if tt.price_required:
            self.price.setPlaceholderText(tr("price.hint"))
            if not self.price.text() and self.current_price():
                self.price.setText(str(self.current_price()))
        else:
            self.price.clear()
            self.price.setPlaceholderText(tr("price.none"))
        self.stop_price.setEnabled(tt.stop_price_required)
        if not tt.stop_price_required:
            self.stop_price.clear()
        self.set_field_visible(Field.STOP_PRICE, tt.stop_price_required)
        self.issues.clear(Field.TRADE_TYPE, Field.PRICE, Field.STOP_PRICE)
        self.sync_presets()
        self.update_estimate()

    def _edited(self, *_args: object) -> None:
        self.update_estimate()

    # ---- the bracket on entry (Buy) ------------------------------------------------------

    def _bracket_base(self) -> int | None:
        """What the bracket counts from: the limit price, or the current price for a buy
        without one (a market buy)."""
        if self.selected_type().price_required:
            return parse_won(self.price.text()) or None
        return self.current_price()

    def _typed_quantity(self) -> int | None:
        return parse_won(self.quantity.text()) or None

    def bracket_plan(self) -> BracketPlan | None:
        return self.bracket.plan() if self.bracket is not None else None

    def _no_match(self, nothing: bool) -> None:
        """"일치하는 종목이 없습니다" on the quote line while what is typed matches nothing."""
        if nothing != self._search_miss:
            self._search_miss = nothing
            self.quotes.show()

    def no_quote_text(self) -> str:
        if self._search_miss and self.stock.text().strip():
            return tr("search.no_match")
        return super().no_quote_text()

    def quote_arrived(self, quote: Quote) -> None:
        self.stock_search.source.remember(quote.code, quote.name)
        # A limit price starts at the current price, as HTS tickets do.
        if self.price.isEnabled() and not self.price.text() and quote.current:
            self.price.setText(str(quote.current))

    def update_estimate(self) -> None:
        self.update_capacity()
        if self.bracket is not None:
            self.bracket.update_estimate()
        qty = parse_won(self.quantity.text())
        tt = self.selected_type()
        if not qty:
            self.estimate.setText(f"{tr('field.estimate')}: —")
            return
        price = parse_won(self.price.text()) if tt.price_required else self.current_price()
        if not price:
            self.estimate.setText(f"{tr('field.estimate')}: —")
            return
        approx = "" if tt.price_required else "≈ "
        self.estimate.setText(f"{tr('field.estimate')}: {won(f'{approx}{qty * price:,}', bold=True)}")

    # ---- what the account allows ---------------------------------------------------------

    def set_account(self, snapshot: AccountSnapshot | None) -> None:
        self._account = snapshot
        self.update_capacity()

    def capacity(self) -> int | None:
        """매수가능: orderable cash // price (the upper limit for orders without a price,
        which is what the broker sets aside). 매도가능: the stock's sellable shares."""
        snap = self._account
        if snap is None:
            return None
        if self.action is Action.SELL:
            code = self.stock_code()
            return snap.sellable(code) if is_full_code(code) else None
        if self.selected_type().price_required:
            return snap.buyable(parse_won(self.price.text()))
        limits = self.price_limits()
        return snap.buyable(limits[1]) if limits else None

    def sellable(self) -> int | None:
        return self.capacity() if self.action is Action.SELL else None

    def orderable_cash(self) -> int | None:
        snap = self._account
        return snap.orderable_cash if snap is not None and self.action is Action.BUY else None

    def update_capacity(self) -> None:
        self.quantity_helper.show_capacity(self.capacity())

    def fill_fraction(self, percent: int) -> None:
        capacity = self.capacity()
        if not capacity:
            return
        shares = share_of(capacity, percent)
        if shares < 1:
            self.status.post(both("qty.too_small", pct=percent), severity=Severity.WARNING)
            return
        self.quantity.setText(str(shares))
        self.issues.clear(Field.QUANTITY)

    def fill_holding(self, holding: Holding) -> None:
        """A holding double-clicked in the account panel: sell it, all that is sellable,
        at the current price once the quote is in."""
        same_stock = holding.code == self.stock_code()
        self.stock.setText(holding.code)
        self.quotes.known_name = holding.name
        self.quantity.setText(str(self.sellable() or holding.sellable))
        if self.price.isEnabled():
            self.price.clear()
            if same_stock and self.current_price():
                self.price.setText(str(self.current_price()))
        self.issues.clear()
        self.quotes.show()
        self.update_estimate()

    def retranslate(self) -> None:
        super().retranslate()
        self.stock_search.retranslate()
        if self.bracket is not None:
            self.bracket.retranslate()
        self.quantity_helper.retranslate()
        for tt in TRADE_TYPES:
            self.trade_type.set_label(tt.code, type_label(tt))
        for ex in Exchange:
            self.exchange.set_label(ex.value, pick(ex.label))
        self.on_env_changed(self.session.env)
        tt = self.selected_type()
        self.price.setPlaceholderText(tr("price.hint") if tt.price_required else tr("price.none"))

    def load_order(self, order: OrderRequest) -> None:
        if not isinstance(order, NewOrder) or order.action is not self.action:
            raise ValueError(f"the {self.action.name} tab can't take {order.action.name}")
        self.exchange.select(order.exchange.value)
        self.trade_type.select(order.trade_type)  # before the prices: it clears them
        self.stock.setText(order.stock_code)
        self.quantity.setText(str(order.quantity))
        self.price.setText("" if order.price is None else str(order.price))
        self.stop_price.setText("" if order.stop_price is None else str(order.stop_price))
        self.issues.clear()

    def set_price(self, price: int | None) -> None:
        if self.price.isEnabled() and price:
            self.price.setText(str(price))
