"""`kiwoom-ticket --self-test`: the real window, on the practice exchange, drives
buy -> modify -> cancel through the forms' own send path, then reads the journal back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any  # the window: a MainWindow (not imported here)

from ..domain.orders import Action
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..domain.ticks import step_ticks
from .dialogs import DialogService
from .ticket_form import TicketForm

STOCK = "005930"
TIMEOUT = 30.0


class AnswerYes(DialogService):
    """Says yes to every confirmation and remembers what was asked."""

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[str] = []

    async def confirm(self, title: str, text: str, *, require_mouse: bool = False,
                      accent=None) -> bool:
        self.asked.append(title)
        return True


class SelfTestFailure(Exception):
    pass


async def _until(predicate: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def _send(form: TicketForm) -> list[OrderRecord]:
    task = form.request_submit()
    if task is None:
        raise SelfTestFailure(f"{form.action.name}: the form was busy")
    records = await task
    if not records:
        issues = [f"{f.value}: {i.text.en}" for f, b in form.boxes.items() for i in b.issues]
        raise SelfTestFailure(f"{form.action.name} was not sent: {issues or 'see status line'}")
    return records


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise SelfTestFailure(message)


async def self_test(build_window: Callable[..., Any]) -> tuple[bool, list[str]]:
    lines: list[str] = []
    started = time.monotonic()
    window = build_window(dialogs=AnswerYes())
    try:
        window.show()
        lines.append(f"window shown in {time.monotonic() - started:.2f} s")
        await window.start()
        _expect(window.session.connected, f"not connected: {window.status_line.text()}")
        lines.append(f"connected to the practice exchange in {time.monotonic() - started:.2f} s")

        buy = window.buy_form
        buy.stock.setText(STOCK)
        await _until(lambda: buy.current_price(), "the quote")
        current = buy.current_price()
        buy.trade_type.select("0")
        buy.quantity.setText("1")
        buy.price.setText(str(step_ticks(current, -10)))  # rests below the market
        bought = (await _send(buy))[0]
        _expect(bought.status is OrderStatus.ACCEPTED and bool(bought.ord_no),
                f"buy: {bought.status.name} {bought.message}")
        lines.append(f"buy    {STOCK} 1 @ {bought.price:,}: accepted, ord_no {bought.ord_no}")

        # A second ticket window (창 → 새 주문창) on the same core sees the same target.
        second = window.open_ticket_window()
        row = window.model.row_of(bought.local_id)
        _expect(row is not None, "the buy is not in the order log")
        window.log_view.select_row(row)
        modify = window.modify_form
        _expect(modify.orig_ord_no.text() == bought.ord_no, "selecting the row did not fill 정정")
        _expect(second.desk.modify_form.orig_ord_no.text() == bought.ord_no,
                "the second ticket window does not show the target")
        second.close()
        lines.append("second ticket window: the same target, closed")
        modify.price.setText(str(step_ticks(current, -11)))
        modified = (await _send(modify))[0]
        _expect(modified.status is OrderStatus.ACCEPTED and bool(modified.ord_no),
                f"modify: {modified.status.name} {modified.message}")
        _expect(modified.orig_ord_no == bought.ord_no, "modify: wrong original order number")
        _expect(modified.root_ord_no == bought.ord_no, "modify: wrong root order number")
        lines.append(f"modify {bought.ord_no} -> {modified.ord_no} @ {modified.price:,}: accepted")

        window.log_view.select_row(window.model.row_of(modified.local_id))
        cancel = window.cancel_form
        _expect(cancel.orig_ord_no.text() == modified.ord_no, "selecting the row did not fill 취소")
        cancel.quantity.setText("0")
        cancelled = (await _send(cancel))[0]
        _expect(cancelled.status is OrderStatus.CANCELLED,
                f"cancel: {cancelled.status.name} {cancelled.message}")
        lines.append(f"cancel {modified.ord_no} (all remaining) -> {cancelled.ord_no}: cancelled")

        history = await window.worker.call(window.session.service.history)
        by_id = {r.local_id: r for r in history}
        chain = [by_id.get(r.local_id) for r in (bought, modified, cancelled)]
        _expect(all(chain), "the journal lacks part of the chain")
        b, m, c = chain
        assert b is not None and m is not None and c is not None  # _expect(all(chain))
        _expect(b.status is OrderStatus.MODIFIED, f"journal: buy is {b.status.name}")
        _expect(m.status is OrderStatus.CANCELLED, f"journal: modify is {m.status.name}")
        _expect(c.action is Action.CANCEL and c.orig_ord_no == m.ord_no,
                "journal: cancel does not point at the modify")
        _expect({b.lineage_root, m.lineage_root, c.lineage_root} == {b.ord_no},
                "journal: the chain does not share one root")
        lines.append(f"journal: {len(history)} rows, chain root {b.ord_no}: "
                     f"{b.status.name} -> {m.status.name} -> {c.status.name}")
        lines.append(f"total {time.monotonic() - started:.2f} s")
        return True, lines
    except SelfTestFailure as exc:
        lines.append(f"FAIL: {exc}")
        return False, lines
    finally:
        window.shutdown()
        window.close()
