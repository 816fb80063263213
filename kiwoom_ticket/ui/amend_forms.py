"""The Modify (정정) and Cancel (취소) tabs. Selecting a log row fills them."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ..domain.environment import Environment
from ..domain.exchange import Exchange
from ..domain.orders import Action, CancelOrder, ModifyOrder, OrderRequest
from ..domain.records import OrderRecord
from ..domain.validation import (
    Field,
    Report,
    finished_order_issue,
    normalise_order_no,
)
from .fields import TickPriceEdit, digits_only, parse_won
from .i18n import pick, tr
from .lang_texts import won
from .modify_text import modify_changes
from .ticket_form import TicketForm


class AmendForm(TicketForm):
    """Shared by modify and cancel: original order number, stock, exchange, quantity."""

    def _build_common(self) -> None:
        self.orig_ord_no = digits_only(QLineEdit(), commas=False)
        self.orig_ord_no.setMaxLength(10)
        self.orig_ord_no.setPlaceholderText("0000123")
        self.exchange = self.exchange_combo()
        self.quantity = digits_only(QLineEdit("0"))
        self.quantity.setMaxLength(12)
        self.add_field(Field.ORIG_ORD_NO, "field.orig_ord_no", self.orig_ord_no)
        self.add_stock_field()
        self.add_field(Field.EXCHANGE, "field.exchange", self.exchange)
        self.add_field(Field.QUANTITY, "field.quantity_all", self.quantity)
        self.inputs = {"orig_ord_no": self.orig_ord_no, "exchange": self.exchange,
                       "quantity": self.quantity}

    def on_env_changed(self, env: Environment) -> None:
        self.offer_exchanges(env)

    def original(self):
        """The log's row for the order number in the field (its latest state), if any."""
        return self.logged_order(normalise_order_no(self.orig_ord_no.text()) or "")

    def form_issues(self) -> Report:
        """Besides the stock: an original the log knows is finished is not sent (the
        log's menu greys these out; a number typed or left here must not slip by)."""
        report = super().form_issues()
        issue = finished_order_issue(self.original())
        return report if issue is None else report + Report((issue,))

    def retranslate(self) -> None:
        super().retranslate()
        for ex in Exchange:
            self.exchange.set_label(ex.value, pick(ex.label))
        self.on_env_changed(self.session.env)

    def reset_defaults(self) -> None:
        self.quantity.setText("0")

    def fill_from(self, rec: OrderRecord) -> None:
        """Target the order `rec` (a log row): its number, stock and exchange."""
        if not rec.ord_no:
            return
        self.orig_ord_no.setText(rec.ord_no)
        self.stock.setText(rec.stock_code)  # starts a lookup
        self._known_name = rec.stock_name
        self._show_quote()
        self.exchange.select(rec.exchange.value)
        self.quantity.setText("0")
        for box in self.boxes.values():
            box.clear_issues()

    def _load_common(self, order: ModifyOrder | CancelOrder) -> None:
        self.orig_ord_no.setText(order.orig_ord_no)
        self.stock.setText(order.stock_code)
        self.exchange.select(order.exchange.value)
        self.quantity.setText(str(order.quantity))
        for box in self.boxes.values():
            box.clear_issues()


class ModifyForm(AmendForm):
    action = Action.MODIFY
    submit_key = "submit.modify"
    quote_clickable = True

    def _build_fields(self) -> None:
        self._build_common()
        self.price = TickPriceEdit()
        self.price.set_reference(self.current_price)
        self.price.set_limits(self.price_limits)
        self.stop_price = TickPriceEdit()
        self.stop_price.set_reference(self.current_price)
        self.stop_price.set_limits(self.price_limits)
        self.add_price_field("field.new_price", self.price)
        self.add_field(Field.STOP_PRICE, "field.stop_price", self.stop_price)
        self.inputs |= {"price": self.price, "stop_price": self.stop_price}

    def _connect_fields(self) -> None:
        self.price.textChanged.connect(self.update_estimate)
        self.quantity.textChanged.connect(self.update_estimate)

    def retranslate(self) -> None:
        super().retranslate()
        self.price.setPlaceholderText(tr("price.hint"))
        self.stop_price.setPlaceholderText(tr("stop.hint"))

    def fill_from(self, rec: OrderRecord) -> None:
        super().fill_from(rec)
        self.price.setText(str(rec.price) if rec.price else "")
        self.stop_price.setText(str(rec.stop_price) if rec.stop_price else "")

    def load_order(self, order: OrderRequest) -> None:
        if not isinstance(order, ModifyOrder):
            raise ValueError(f"the modify tab can't take {order.action.name}")
        self._load_common(order)
        self.price.setText(str(order.price))
        self.stop_price.setText("" if order.stop_price is None else str(order.stop_price))

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        if not isinstance(order, ModifyOrder):
            return []
        return modify_changes(order, self.logged_order(order.orig_ord_no), stock_name)

    def update_estimate(self) -> None:
        qty, price = parse_won(self.quantity.text()), parse_won(self.price.text())
        value = won(qty * price, bold=True) if qty and price else "—"
        self.estimate.setText(f"{tr('field.estimate')}: {value}")


class CancelForm(AmendForm):
    action = Action.CANCEL
    submit_key = "submit.cancel"

    def _build_fields(self) -> None:
        self._build_common()

    def load_order(self, order: OrderRequest) -> None:
        if not isinstance(order, CancelOrder):
            raise ValueError(f"the cancel tab can't take {order.action.name}")
        self._load_common(order)
