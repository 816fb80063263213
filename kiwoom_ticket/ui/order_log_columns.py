"""The order log's columns, declared as data (table_columns.py): what each says, its
colour, tooltip, width, the longest texts it holds, and what it writes to the CSV.

The CSV keeps the format Excel users have: every order of the journal, date and time
apart, code and name apart, quantities and prices as numbers, the raw status code and
the local id last; its columns in their own order (`csv_order`), not the screen's."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Protocol

from PySide6.QtGui import QBrush, QColor

from ..domain.brackets import TAG_BUY, TAG_STOP, TAG_TARGET
from ..domain.orders import Action
from ..domain.records import OrderRecord, day_label
from ..domain.status import OrderStatus
from ..domain.text import Text
from ..domain.trade_types import BY_CODE
from ..service.orders import RESET_MESSAGE
from . import (
    lang_texts,  # noqa: F401  (registers the texts)
    target_texts,  # noqa: F401  (registers the stop-price column's texts)
    theme,
)
from .csv_export import CsvField
from .i18n import pick, tr
from .messages import record_detail, record_text, split_bilingual
from .table_columns import Align, Export, TableColumn, TableSpec, fixed, side_colour


class Column(IntEnum):
    """What a trader reads first comes first, so a narrow window (1024 px) shows the
    status without scrolling; the long message is last and elided."""

    TIME = 0
    ACTION = 1
    STOCK = 2
    QUANTITY = 3
    PRICE = 4
    STATUS = 5
    FILL_PRICE = 6
    FILLED_AT = 7
    ORD_NO = 8
    ORIG_ORD_NO = 9
    ROOT_ORD_NO = 10
    EXCHANGE = 11
    TYPE = 12
    STOP_PRICE = 13  # 스톱가 of a stop-limit (28); empty otherwise
    MESSAGE = 14


BRACKET_TAGS = (TAG_BUY, TAG_TARGET, TAG_STOP)
BRACKET_LIVES = (OrderStatus.SENDING, OrderStatus.ACCEPTED, OrderStatus.PARTLY_FILLED,
                 OrderStatus.FILLED, OrderStatus.CANCELLED)
PROBLEM_STATUSES = {OrderStatus.REJECTED, OrderStatus.UNKNOWN, OrderStatus.NOT_RECEIVED}
_PROBLEM_BRUSH = QBrush(QColor(theme.ERROR_TEXT))


class LogRows(Protocol):
    """What a log row's texts read beyond the record: the book's day and sides."""

    def is_earlier_day(self, rec: OrderRecord) -> bool: ...

    def is_today_before_reset(self, rec: OrderRecord) -> bool: ...

    def side_of(self, rec: OrderRecord) -> Action | None: ...

    def bracket_role(self, rec: OrderRecord) -> Text | None: ...

    def bracket_tag(self, rec: OrderRecord) -> Text | None: ...


def _won(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


def _trade_type(rec: OrderRecord) -> str:
    tt = BY_CODE.get(rec.trade_type or "")
    return f"{pick(tt.label)} ({tt.code})" if tt else ""


def _quantity(rec: OrderRecord) -> str:
    if rec.filled_qty:
        return f"{rec.filled_qty:,}/{rec.quantity:,}"
    return tr("log.all_qty") if rec.quantity == 0 else f"{rec.quantity:,}"


def _status(rec: OrderRecord) -> str:
    if rec.status is OrderStatus.EXPIRED and rec.message == RESET_MESSAGE:
        return tr("status.reset_closed")  # not "만료(장 종료)": the day goes on
    return pick(rec.status.label)


def _stock(rec: OrderRecord) -> str:
    return f"{rec.stock_code} {rec.stock_name}".strip()


def _message_tip(rec: OrderRecord) -> str | None:
    """The whole text (the cell is elided) and Kiwoom's raw reply with its code (in
    English mode: the Korean original of a translated message). The app's own
    "한국어 / English" messages are said in the UI's language only."""
    if not rec.message:
        return None
    lines = [pick(record_text(rec))]
    raw = record_detail(rec)
    own = split_bilingual(rec.message)
    if raw not in lines and own.ko == own.en:
        lines.append(raw)
    return "\n".join(lines)


def _made(rec: OrderRecord) -> datetime:
    return rec.created_at.astimezone()


def log_table(rows: LogRows) -> TableSpec[OrderRecord]:
    """The log's columns, reading the day and sides through `rows` (the log model)."""

    def time(rec: OrderRecord) -> str:
        # The date alone for another calendar day (its time in the tooltip); an order
        # from before today's practice reset is today's, said with its time of day.
        if rows.is_earlier_day(rec) and not rows.is_today_before_reset(rec):
            return rec.created_at.astimezone().strftime("%m-%d")
        return _local_time(rec.created_at)

    def earlier_day_tip(rec: OrderRecord) -> str | None:
        if not rows.is_earlier_day(rec):
            return None
        if rows.is_today_before_reset(rec):
            return tr("log.before_reset")
        made = rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return f"{made}\n" + tr("log.earlier_day").format(day=day_label(rec.trade_day))

    def status(rec: OrderRecord) -> str:
        # A bracket's order says its role beside its status: the message column is the
        # last one, off-screen in a 1280-px window, and the role is what the trader needs.
        tag = rows.bracket_tag(rec)
        return f"{_status(rec)} · {pick(tag)}" if tag is not None else _status(rec)

    def status_tip(rec: OrderRecord) -> str | None:
        role = rows.bracket_role(rec)  # whole, where the cell is cut (a long status)
        return pick(role) if role is not None else None

    def status_samples() -> list[str]:
        plain = [pick(s.label) for s in OrderStatus] + [tr("status.reset_closed")]
        # Wide enough for a bracket's order in the states it lives in; a rarer long one
        # (결과 미확인, 만료) is cut at its end and whole in the tooltip, so the column
        # stays inside a 1024-px window.
        longest_tag = max((pick(t) for t in BRACKET_TAGS), key=len)
        return plain + [f"{pick(s.label)} · {longest_tag}" for s in BRACKET_LIVES]

    def message(rec: OrderRecord) -> str:
        # A bracket's order says its role first: the log shows them as one chain.
        role = rows.bracket_role(rec)
        text = pick(record_text(rec)) if rec.message else ""
        return f"[{pick(role)}] {text}".rstrip() if role is not None else text

    def message_tip(rec: OrderRecord) -> str | None:
        role = rows.bracket_role(rec)
        tip = _message_tip(rec)
        if role is None:
            return tip
        return pick(role) + (f"\n{tip}" if tip else "")

    number = fixed("0000000")
    price = fixed("9,999,000")
    return TableSpec(
        columns=(
            TableColumn("time", "col.time", time, tip=earlier_day_tip, width=64,
                        samples=fixed("23:59:59", "12-31"),
                        csv=(CsvField("csv.date", lambda r: _made(r).date().isoformat()),
                             CsvField("csv.time", lambda r: _made(r).strftime("%H:%M:%S")))),
            TableColumn("action", "col.action", lambda r: pick(r.action.label),
                        colour=side_colour(rows.side_of), width=58, export=Export.TEXT,
                        samples=lambda: [pick(a.label) for a in Action]),
            # A long name is cut in a narrow column: whole in the tooltip.
            TableColumn("stock", "col.stock", _stock, tip=lambda r: _stock(r) or None,
                        width=128,
                        csv=(CsvField("csv.code", lambda r: r.stock_code, code=True),
                             CsvField("csv.name", lambda r: r.stock_name))),
            TableColumn("quantity", "col.quantity", _quantity, align=Align.RIGHT, width=56,
                        samples=lambda: ["9,999/9,999", tr("log.all_qty")],
                        csv=(CsvField("col.quantity", lambda r: r.quantity),
                             CsvField("csv.filled_qty", lambda r: r.filled_qty))),
            TableColumn("price", "col.price", lambda r: _won(r.price), align=Align.RIGHT,
                        width=72, samples=price,
                        csv=(CsvField("col.price", lambda r: r.price),)),
            TableColumn("status", "col.status", status, tip=status_tip, width=76,
                        colour=lambda r: _PROBLEM_BRUSH if r.status in PROBLEM_STATUSES
                        else None,
                        samples=status_samples,
                        csv=(CsvField("col.status", lambda r: pick(r.status.label)),)),
            TableColumn("fill_price", "col.fill_price",
                        lambda r: _won(r.avg_fill_price) if r.filled_qty else "",
                        align=Align.RIGHT, header_tip="col.fill_price_tip", width=72,
                        samples=price,
                        csv=(CsvField("col.fill_price",
                                      lambda r: r.avg_fill_price if r.filled_qty else None),)),
            TableColumn("filled_at", "col.filled_at",
                        lambda r: _local_time(r.filled_at) if r.filled_at else "",
                        header_tip="col.filled_at_tip", width=64, export=Export.TEXT,
                        samples=fixed("23:59:59")),
            TableColumn("ord_no", "col.ord_no", lambda r: r.ord_no or "",
                        tip=earlier_day_tip, export=Export.CODE, width=66, samples=number),
            TableColumn("orig_ord_no", "col.orig_ord_no", lambda r: r.orig_ord_no or "",
                        export=Export.CODE, width=66, samples=number),
            TableColumn("root_ord_no", "col.root_ord_no", lambda r: r.root_ord_no or "",
                        export=Export.CODE, width=66, samples=number),
            TableColumn("exchange", "col.exchange", lambda r: r.exchange.value, width=48,
                        export=Export.TEXT, samples=fixed("KRX", "NXT", "SOR")),
            TableColumn("type", "col.type", _trade_type, width=104, export=Export.TEXT),
            TableColumn("stop_price", "log.col.stop_price",
                        lambda r: _won(r.stop_price) if r.stop_price else "",
                        align=Align.RIGHT, header_tip="log.tip.stop_price", width=64,
                        samples=price,
                        csv=(CsvField("field.stop_price", lambda r: r.stop_price),)),
            TableColumn("message", "col.message", message, tip=message_tip, width=200,
                        export=Export.TEXT),
        ),
        key=lambda r: r.local_id,
        csv_order=("time", "action", "stock", "exchange", "type", "quantity", "price",
                   "stop_price", "fill_price", "filled_at", "ord_no", "orig_ord_no",
                   "root_ord_no", "status", "message"),
        csv_after=(CsvField("csv.status_code", lambda r: r.status.value),
                   CsvField("local_id", lambda r: r.local_id, literal=True)),
        index=Column,
    )
