"""Issue 22's stateful test: the ledger machine (ledger_machine.py: buys, sells,
modifies, cancels, ten REST fault kinds, restarts, crashes mid-send, day changes) with a
live stream on top. The exchange's true 00 events (what its WebSocket would send: the
same values, captured from its engine as they happen) are delivered to the service in
order, duplicated, late, out of order, after a day change, or lost in a reconnect; made-up
numbers and lying events (another stock, side or quantity, a fill beyond the order, and
lies that match their order in every way) come in between. After every step, once the
service has settled from REST, the journal is the exchange: each order of today open or
not, and filled as much, as the exchange says; nothing doubled, lost or unsettled.

Used by tests/service/test_live_ledger_machine.py (short) and bench/stateful.py (long).
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.order_events import parse_event
from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import KiwoomClient, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.simulator.ws_values import order_values

from .ledger_machine import KEYS, STOCK, LedgerMachine

LIES = ("stock", "side", "quantity", "remaining", "fill_all", "cancel")
events_delivered = 0  # across runs (bench/stateful.py reports it)
# Roomier than the ledger machine's 0.4 s: the suite runs on a loaded 2-core machine and a
# token request timing out there is not what this machine is about (faults still cut).
TIMEOUTS = Timeouts(connect=2.0, read=1.5, total=1.5)


class LiveLedgerMachine(LedgerMachine):
    def __init__(self) -> None:
        super().__init__()
        self.pending: list[dict[str, str]] = []  # true events not yet delivered
        self.delivered: list[dict[str, str]] = []
        self.made_up = 9_000_000
        self.sim.core.engine.observe(self._capture)

    def _open(self) -> OrderService:
        client = KiwoomClient(self.sim.base_url, KEYS, timeouts=TIMEOUTS)
        # gone_after 0: an order gone from the open list is finished at the next look
        # (the invariant compares states, not just numbers).
        service = OrderService(Environment.PRACTICE, client, Journal(self.path),
                               settle_after=timedelta(0), gone_after=timedelta(0),
                               now=self.sim.clock.now)
        service.login()
        return service

    def _capture(self, event) -> None:  # the exchange's thread, under its lock
        if event.kind == "rejected":
            return
        now = self.sim.clock.now().strftime("%H%M%S")
        self.pending.append(order_values(self.sim.core, event, now))

    def _deliver(self, values_list: list[dict[str, str]]) -> None:
        global events_delivered
        events = [e for e in (parse_event(v) for v in values_list) if e is not None]
        events_delivered += len(events)
        self.service.apply_realtime(events)

    # ---- the stream ------------------------------------------------------------------------

    @precondition(lambda self: bool(self.pending))
    @rule(n=st.integers(1, 6))
    def deliver(self, n: int) -> None:
        """The next events, in order, as the stream would."""
        batch, self.pending = self.pending[:n], self.pending[n:]
        self.delivered += batch
        self._deliver(batch)

    @precondition(lambda self: bool(self.pending))
    @rule(data=st.data())
    def deliver_out_of_order(self, data) -> None:
        """One event ahead of those before it (the rest are late)."""
        i = data.draw(st.integers(0, len(self.pending) - 1))
        values = self.pending.pop(i)
        self.delivered.append(values)
        self._deliver([values])

    @precondition(lambda self: bool(self.delivered))
    @rule(data=st.data())
    def deliver_again(self, data) -> None:
        """An event seen before, again (a repeat, or a late one behind newer ones)."""
        self._deliver([data.draw(st.sampled_from(self.delivered[-30:]))])

    @rule()
    def reconnect(self) -> None:
        """The stream drops: what it had not sent is lost; the app catches up from REST."""
        self.pending.clear()
        self.service.refresh()

    @rule(kind=st.sampled_from(("접수", "체결", "취소")))
    def made_up_number(self, kind: str) -> None:
        self.made_up += 1
        now = self.sim.clock.now().strftime("%H%M%S")
        self._deliver([{"9203": f"{self.made_up:07d}", "913": kind, "9001": STOCK,
                        "900": "1", "901": "1000", "902": "0" if kind != "접수" else "1",
                        "903": "1000" if kind == "체결" else "0", "907": "2", "908": now}])

    @precondition(lambda self: bool(self._open_orders()))
    @rule(data=st.data(), lie=st.sampled_from(LIES))
    def lying_event(self, data, lie: str) -> None:
        """An event the exchange never sent, about one of today's open orders."""
        target = data.draw(st.sampled_from(self._open_orders()))
        qty, price = target.quantity, target.price or 0
        side = "1" if target.action is Action.SELL else "2"
        values = {"9203": target.ord_no or "", "913": "체결", "9001": STOCK,
                  "900": str(qty), "901": str(price), "902": "0",
                  "903": str(qty * price), "907": side, "914": str(price),
                  "915": str(qty), "908": self.sim.clock.now().strftime("%H%M%S")}
        if lie == "stock":
            values["9001"] = "000660"
        elif lie == "side":
            values["907"] = "2" if side == "1" else "1"
        elif lie == "quantity":
            values.update({"900": str(qty * 5), "903": str(qty * 5 * price)})
        elif lie == "remaining":
            values["902"] = str(4 * qty)  # more left than the order ever had
        elif lie == "cancel":
            values["913"] = "취소"
        # "fill_all": like its order in every way; the exchange's lists correct it.
        self._deliver([values])

    # ---- the invariant ---------------------------------------------------------------------

    @invariant()
    def journal_is_the_exchange(self) -> None:
        self.service.refresh()  # settled from REST (the ledger machine's check does too)
        day = self.service.today()
        exchange = {o["ord_no"]: o for o in self.sim.orders()}
        for record in self.service.journal.of_day(day):
            if not record.ord_no or record.action is Action.CANCEL:
                continue
            order = exchange.get(record.ord_no)
            assert order is not None, f"{record.ord_no} unknown to the exchange"
            is_open = order["state"] == "open" and order["remaining"] > 0
            assert record.status.is_open == is_open, (
                f"{record.ord_no}: journal {record.status.value}, exchange {order['state']}")
            assert record.filled_qty == order["filled"], (
                f"{record.ord_no}: journal filled {record.filled_qty}, exchange "
                f"{order['filled']}")
        assert not [r for r in self.service.journal.of_day(day)
                    if r.status is OrderStatus.UNKNOWN]
