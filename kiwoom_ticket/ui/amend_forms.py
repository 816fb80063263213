"""The Modify (정정) and Cancel (취소) tabs. Both act on one target, the order selected
last anywhere (the order log, 미체결, a badge of the 호가창): the application core holds
it (service/order_target.py), and a card at the top of each tab shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ..domain.environment import Environment
from ..domain.exchange import Exchange
from ..domain.orders import Action, CancelOrder, ModifyOrder, OrderRequest
from ..domain.records import OrderRecord
from ..domain.text import Text
from ..domain.ticket_report import Issue, Severity
from ..domain.validation import (
    Field,
    Report,
    finished_order_issue,
    normalise_order_no,
)
from .fields import TickPriceEdit, digits_only, parse_won
from .i18n import pick, text, tr
from .lang_texts import won
from .modify_text import cancel_changes, modify_changes, target_line
from .target_card import TargetCard, finished_note
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
        self.target_card = TargetCard(self.action)
        self.outer.insertWidget(0, self.target_card)  # above every field
        self._filled_for: str | None = None  # the target's local id the fields hold
        # A number typed here names the target of both tabs (or none, if unknown).
        self.orig_ord_no.editingFinished.connect(self._number_typed)

    def on_env_changed(self, env: Environment) -> None:
        self.offer_exchanges(env)

    def original(self):
        """The log's row for the order number in the field (its latest state), if any."""
        return self.logged_order(normalise_order_no(self.orig_ord_no.text()) or "")

    def target_record(self) -> OrderRecord | None:
        """The order the tab acts on: the core's target when it is the number in the
        field, else the log's order of that number (its latest state)."""
        target = self.session.target
        number = normalise_order_no(self.orig_ord_no.text()) or ""
        rec = target.record if target is not None else None
        if rec is not None and rec.ord_no == number and not self.book.is_earlier_day(rec):
            return rec
        return self.original()

    def form_issues(self) -> Report:
        """Besides the stock: an original the log knows is finished is not sent (the
        log's menu greys these out; a number typed or left here must not slip by), nor
        a quantity over what is still open of it (the exchange's 미체결수량)."""
        report = super().form_issues()
        target = self.target_record()
        issue = finished_order_issue(target)
        if issue is not None:
            return report + Report((issue,))
        qty = parse_won(self.quantity.text())
        # An empty quantity is the field check's to say ("수량을 입력하세요"), not a
        # comparison's to trip over.
        if (target is not None and target.status.is_open and qty is not None
                and qty > target.open_qty):
            t = text("qty.over_open")
            fmt = {"qty": f"{qty:,}", "open": f"{target.open_qty:,}", "no": target.ord_no}
            report = report + Report((Issue(Field.QUANTITY, Severity.ERROR, "qty.over_open",
                                            Text(t.ko.format(**fmt), t.en.format(**fmt))),))
        return report

    # ---- the target (the core's; this tab mirrors it) ------------------------------------

    def show_target(self, rec: OrderRecord | None, reselected: bool) -> None:
        """The core's target changed: another order fills the fields; the same order
        moved on (a fill, a partial cancel) only repaints the card, so a price being
        typed stays."""
        if rec is None:
            if self._filled_for is not None:  # the fields held the old target: empty them
                TicketForm.clear(self)
            self._filled_for = None
        elif reselected or rec.local_id != self._filled_for:
            self._filled_for = rec.local_id
            self.fill_from(rec)
        self.render_target(rec)

    def render_target(self, rec: OrderRecord | None) -> None:
        if rec is None:
            self.target_card.show_target(None, None)
            return
        side = self.book.side_of(rec) or (rec.action if rec.action.is_new else None)
        self.target_card.show_target(rec, side, finished_note(rec, self.book.is_earlier_day(rec)))

    def _number_typed(self) -> None:
        """A number typed into the field: that order becomes the target of both tabs,
        if the log knows it today; otherwise no order is the target."""
        target = self.session.target
        number = normalise_order_no(self.orig_ord_no.text()) or ""
        if target is None or (target.record is not None and target.record.ord_no == number):
            return
        rec = self.logged_order(number)
        if rec is not None and not self.book.is_earlier_day(rec):
            self.session.select_order(rec)
        elif number:
            target.clear()
            self.orig_ord_no.setText(number)  # keep what was typed: it is checked on send

    def retranslate(self) -> None:
        super().retranslate()
        self.target_card.render()
        for ex in Exchange:
            self.exchange.set_label(ex.value, pick(ex.label))
        self.on_env_changed(self.session.env)

    def reset_defaults(self) -> None:
        self.quantity.setText("0")

    def clear(self) -> None:
        """Esc: the fields empty, and no order is the target of either tab any more (a
        card must never show an order the fields no longer hold)."""
        super().clear()
        target = self.session.target
        if target is not None:
            target.clear()

    def fill_from(self, rec: OrderRecord) -> None:
        """Target the order `rec` (a log row): its number, stock and exchange."""
        if not rec.ord_no:
            return
        self.orig_ord_no.setText(rec.ord_no)
        self.stock.setText(rec.stock_code)  # starts a lookup
        self.show_known_stock(rec.stock_name)
        self.exchange.select(rec.exchange.value)
        self.quantity.setText("0")
        self.issues.clear()

    def target_of(self, order: ModifyOrder | CancelOrder, original: OrderRecord | None,
                  stock_name: str) -> str:
        side = self.book.side_of(original) if original is not None else None
        return target_line(order, original, side, stock_name)

    def _load_common(self, order: ModifyOrder | CancelOrder) -> None:
        self.orig_ord_no.setText(order.orig_ord_no)
        self.stock.setText(order.stock_code)
        self.exchange.select(order.exchange.value)
        self.quantity.setText(str(order.quantity))
        self.issues.clear()


class ModifyForm(AmendForm):
    action = Action.MODIFY
    keys_hint = "form.keys_hint_modify"  # Enter asks first: it never modifies at once
    submit_key = "submit.modify"
    quote_clickable = True
    price: TickPriceEdit
    stop_price: TickPriceEdit

    def _build_fields(self) -> None:
        self._build_common()
        self.price = self.price_edit()
        self.stop_price = self.price_edit()
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
        original = self.logged_order(order.orig_ord_no)
        return [self.target_of(order, original, stock_name), "",
                *modify_changes(order, original, stock_name)]

    def update_estimate(self) -> None:
        qty, price = parse_won(self.quantity.text()), parse_won(self.price.text())
        value = won(qty * price, bold=True) if qty and price else "—"
        self.estimate.setText(f"{tr('field.estimate')}: {value}")


class CancelForm(AmendForm):
    action = Action.CANCEL
    keys_hint = "form.keys_hint_cancel"
    submit_key = "submit.cancel"

    def _build_fields(self) -> None:
        self._build_common()

    def load_order(self, order: OrderRequest) -> None:
        if not isinstance(order, CancelOrder):
            raise ValueError(f"the cancel tab can't take {order.action.name}")
        self._load_common(order)

    def change_lines(self, order: OrderRequest, stock_name: str) -> list[str]:
        if not isinstance(order, CancelOrder):
            return []
        original = self.logged_order(order.orig_ord_no)
        return [self.target_of(order, original, stock_name), "",
                *cancel_changes(order, original, stock_name)]
