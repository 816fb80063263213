"""What the confirmation before an order says: one summary line and the reasons to ask."""

from __future__ import annotations

from ..domain.orders import NewOrder, OrderRequest
from ..domain.trade_types import BY_CODE
from ..domain.validation import Report
from .i18n import tr


def order_summary(order: OrderRequest, stock_name: str) -> str:
    """One line, both languages: '매수 005930 삼성전자 10주 @ 70,000 보통(0) KRX'."""
    stock = f"{order.stock_code} {stock_name}".strip()
    qty = "전량/all" if order.quantity == 0 else f"{order.quantity:,}"
    price = getattr(order, "price", None)
    at = f" @ {price:,}" if price else ""
    kind = ""
    if isinstance(order, NewOrder):
        tt = BY_CODE[order.trade_type]
        kind = f" {tt.label.ko}/{tt.label.en} ({tt.code})"
    action = order.action.label
    return f"{action.ko}/{action.en} {stock} {qty}{at}{kind} {order.exchange.value}"


def confirm_text(
    order: OrderRequest, stock_name: str, report: Report, *, resend: bool,
    changes: list[str] | None = None, proceed: str = "warn.proceed",
) -> str:
    """The summary, then what changes (a modify), why it asks, and the question."""
    lines = [order_summary(order, stock_name), ""]
    if changes:
        lines += [*changes, ""]
    if resend:
        lines += [tr("resend.explain"), ""]
    if report.warnings:
        lines.append(tr("warn.intro"))
        lines += [f"• {i.text.ko}\n   {i.text.en}" for i in report.warnings]
        lines.append("")
    lines.append(tr(proceed))
    return "\n".join(lines)
