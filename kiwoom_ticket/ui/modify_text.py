"""What a modify (정정) confirmation lists as changing: 변경 전 -> 변경 후 for the stock,
price (with the distance in ticks), quantity and exchange of the order it targets; and
what a cancel (취소) confirmation lists: the order, its price, what is cancelled. Both
start with the order they act on: its number, side and stock."""

from __future__ import annotations

from ..domain.orders import Action, CancelOrder, ModifyOrder
from ..domain.records import OrderRecord
from ..domain.ticks import is_on_tick, ticks_between
from ..domain.trade_types import BY_CODE
from .i18n import pick, shares, signed_ticks, tr

ARROW = " → "


def _won(n: int) -> str:
    return f"{n:,}"


def _pair(before: str, after: str) -> str:
    return f"{after} ({tr('modify.unchanged')})" if before == after else f"{before}{ARROW}{after}"


def remaining_of(rec: OrderRecord) -> int | None:
    """Shares of `rec` still open (the exchange's 미체결수량 as last known), when the log
    knows."""
    if rec.quantity <= 0:
        return None
    return rec.open_qty


def price_line(order: ModifyOrder, original: OrderRecord) -> str:
    old = original.price
    if not old:  # a market-type original: it had no price
        kind = BY_CODE.get(original.trade_type or "")
        before = pick(kind.label) if kind else "—"
        return f"{before}{ARROW}{_won(order.price)}"
    if old == order.price:
        return _pair(_won(old), _won(order.price))
    moved = f"{_won(old)}{ARROW}{_won(order.price)}"
    if is_on_tick(old) and is_on_tick(order.price):
        moved += f" ({signed_ticks(ticks_between(old, order.price))})"
    return moved


def quantity_line(order: ModifyOrder | CancelOrder, original: OrderRecord) -> str:
    left = remaining_of(original)
    if left is None:
        before = shares(original.quantity) if original.quantity else "—"
    elif original.filled_qty:
        before = tr("modify.remaining_of", n=_won(left), qty=_won(original.quantity))
    else:
        before = shares(left)
    if order.quantity:
        after = shares(order.quantity)
    elif left is None:
        after = tr("modify.all")
    else:
        after = tr("modify.all_n", shares=shares(left))
    return f"{before}{ARROW}{after}"


def stock_line(order: ModifyOrder | CancelOrder, original: OrderRecord, stock_name: str) -> str:
    after = f"{order.stock_code} {stock_name or original.stock_name}".strip()
    if original.stock_code == order.stock_code:
        return after
    before = f"{original.stock_code} {original.stock_name}".strip()
    return f"⚠ {before}{ARROW}{after}"  # a modify can't move an order to another stock


def modify_changes(
    order: ModifyOrder, original: OrderRecord | None, stock_name: str
) -> list[str]:
    """The lines, in the UI language; an unknown original says so instead."""
    if original is None:
        return [tr("modify.not_in_log", no=order.orig_ord_no)]
    lines = [
        tr("modify.changes"),
        f"  {tr('modify.stock')}: {stock_line(order, original, stock_name)}",
        f"  {tr('modify.price')}: {price_line(order, original)}",
        f"  {tr('modify.quantity')}: {quantity_line(order, original)}",
        f"  {tr('modify.exchange')}: "
        f"{_pair(original.exchange.value, order.exchange.value)}",
    ]
    if not original.status.is_open:
        lines.append(f"  {tr('modify.original_status', status=pick(original.status.label))}")
    return lines


def cancel_quantity(order: CancelOrder, original: OrderRecord) -> str:
    """'전량 10주', or '4주 (잔량 10주 중)': what the cancel takes of what is open."""
    left = remaining_of(original)
    if order.quantity == 0:
        return tr("modify.all_n", shares=shares(left)) if left is not None else tr("modify.all")
    if left is None:
        return shares(order.quantity)
    return tr("cancel.qty_of", n=shares(order.quantity), left=shares(left))


def target_line(order: ModifyOrder | CancelOrder, original: OrderRecord | None,
                side: Action | None, stock_name: str) -> str:
    """'원주문 0000012 · 매수 · 005930 삼성전자': the order a modify or cancel acts on."""
    name = stock_name or (original.stock_name if original is not None else "")
    return tr("amend.target", no=order.orig_ord_no,
              side=pick(side.label) if side is not None else tr("amend.side_unknown"),
              stock=f"{order.stock_code} {name}".strip())


def cancel_changes(
    order: CancelOrder, original: OrderRecord | None, stock_name: str
) -> list[str]:
    """The cancel's lines, in the UI language; an unknown original says so instead."""
    if original is None:
        return [tr("cancel.not_in_log", no=order.orig_ord_no)]
    price = _won(original.price) if original.price else "—"
    return [
        tr("cancel.changes"),
        f"  {tr('modify.stock')}: {stock_line(order, original, stock_name)}",
        f"  {tr('cancel.price')}: {price}",
        f"  {tr('cancel.quantity')}: {cancel_quantity(order, original)}",
        f"  {tr('modify.exchange')}: {order.exchange.value}",
    ] + ([f"  {tr('modify.original_status', status=pick(original.status.label))}"]
         if not original.status.is_open else [])
