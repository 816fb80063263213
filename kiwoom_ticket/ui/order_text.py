"""What the confirmation before an order says: one summary line and the reasons to ask."""

from __future__ import annotations

from ..domain.orders import OrderRequest
from ..domain.text import Text, count_en
from ..domain.trade_types import BY_CODE
from ..domain.validation import Report
from .i18n import pick, tr


def order_summary(order: OrderRequest, stock_name: str) -> Text:
    """One line, shown in one language: '매수 005930 삼성전자 10주 @ 70,000 보통(00) KRX'
    or 'Buy 005930 삼성전자 10 shares @ 70,000 Limit (00) KRX'."""
    stock = f"{order.stock_code} {stock_name}".strip()
    if order.quantity == 0:
        qty = Text("전량", "all")
    else:
        qty = Text(f"{order.quantity:,}주", count_en(order.quantity, "share"))
    at = f" @ {order.price:,}" if order.price else ""
    kind: Text | str = ""
    if order.trade_type is not None:  # a modify or cancel keeps the original's type
        tt = BY_CODE[order.trade_type]
        kind = " " + tt.label + f" ({tt.code})"
    return order.action.label + f" {stock} " + qty + at + kind + f" {order.exchange.value}"


def confirm_text(
    order: OrderRequest, stock_name: str, report: Report, *, resend: bool,
    changes: list[str] | None = None, proceed: str = "warn.proceed",
) -> str:
    """The summary, then what changes (a modify), why it asks, and the question."""
    lines = [pick(order_summary(order, stock_name)), ""]
    if changes:
        lines += [*changes, ""]
    if resend:
        lines += [tr("resend.explain"), ""]
    if report.warnings:
        lines.append(tr("warn.intro"))
        lines += [f"• {pick(i.text)}" for i in report.warnings]
        lines.append("")
    if proceed == "warn.proceed" and not report.warnings and not resend:
        proceed = "confirm.proceed"  # nothing to warn about: no "anyway"
    lines.append(tr(proceed))
    return "\n".join(lines)
