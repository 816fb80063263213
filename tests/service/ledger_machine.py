"""A hypothesis state machine: the order service against the practice exchange, with
random buys, sells, modifies, cancels, faults, app restarts, crashes mid-send and day
changes. After every step, once the service has polled, the journal and the exchange's
ledger agree: nothing doubled, nothing lost, nothing left unknown.

Used by tests/service/test_ledger_machine.py (short) and bench/stateful.py (long).
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, CancelOrder, ModifyOrder, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.journal import Journal
from kiwoom_ticket.kiwoom import Credentials, KiwoomClient, OrderRejected, Timeouts
from kiwoom_ticket.service import OrderService
from kiwoom_ticket.simulator import SimConfig, Simulator

KEYS = Credentials("machine-app-key-0123456789", "machine-secret-key-987654")
STOCK = "005930"  # the practice account holds 10 shares: sells are possible
ORDER_FAULTS = ("latency", "drop_after_accept", "http500", "bad_json", "rate_limit",
                "late_ghost", "redirect", "slow_drip", "oversize", "mistyped")
GHOST_DELAY = 0.15
TIMEOUTS = Timeouts(connect=1.0, read=0.4, total=0.4)
DAY = 24 * 3600.0

# Across every run in this process (bench/stateful.py reports them): rule steps checked
# by the invariant, and order requests sent.
steps_taken = 0
requests_sent = 0


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._tmp = tempfile.TemporaryDirectory(prefix="kt-machine-")
        self.path = Path(self._tmp.name) / "journal.sqlite3"
        self.sim = Simulator(SimConfig(profile="real", seed=7, rate_limits=False,
                                       page_size=4)).start()
        self.service = self._open()
        self.quantity = 0
        self.ghost_pending = False

    def _open(self) -> OrderService:
        client = KiwoomClient(self.sim.base_url, KEYS, timeouts=TIMEOUTS)
        service = OrderService(Environment.PRACTICE, client, Journal(self.path),
                               settle_after=timedelta(0), now=self.sim.clock.now)
        service.login()
        return service

    def teardown(self) -> None:
        try:
            self.service.close()
        finally:
            self.sim.stop()
            self._tmp.cleanup()

    # ---- what the account has ----------------------------------------------------------

    def _open_orders(self):
        day = self.service.today()
        return [r for r in self.service.journal.with_status(OrderStatus.ACCEPTED,
                                                            OrderStatus.PARTLY_FILLED)
                if r.trade_day == day and r.ord_no and r.price]

    def _limits(self) -> tuple[int, int]:
        q = self.sim.market.quote(STOCK)
        return q.lower, q.upper

    def _send(self, order, fault: str | None) -> None:
        global requests_sent
        requests_sent += 1
        if fault is not None:
            self.sim.faults.inject(api_id=order.api_id, kind=fault,
                                   seconds=GHOST_DELAY if fault == "late_ghost" else 0.1)
        self.service.send(self.service.prepare(order))
        if fault == "late_ghost":
            self.ghost_pending = True

    # ---- rules -------------------------------------------------------------------------

    @initialize()
    def start(self) -> None:
        self.service.refresh()

    @rule(ticks=st.integers(0, 40), fault=st.none() | st.sampled_from(ORDER_FAULTS),
          market=st.booleans())
    def buy(self, ticks: int, fault: str | None, market: bool) -> None:
        lower, _ = self._limits()
        self.quantity += 1  # a quantity of its own: a doubled order shows
        price = None if market else lower + 100 * ticks
        self._send(NewOrder(Action.BUY, Exchange.KRX, STOCK, self.quantity,
                            "3" if market else "0", price), fault)

    @rule(fault=st.none() | st.sampled_from(ORDER_FAULTS))
    def sell_high(self, fault: str | None) -> None:
        _, upper = self._limits()
        self._send(NewOrder(Action.SELL, Exchange.KRX, STOCK, 1, "0", upper), fault)

    @precondition(lambda self: bool(self._open_orders()))
    @rule(data=st.data(), fault=st.none() | st.sampled_from(ORDER_FAULTS),
          step=st.integers(-3, 3))
    def modify(self, data, fault: str | None, step: int) -> None:
        target = data.draw(st.sampled_from(self._open_orders()))
        lower, upper = self._limits()
        price = min(max(target.price + 100 * step, lower), upper)
        self._send(ModifyOrder(Exchange.KRX, target.ord_no, STOCK, 0, price), fault)

    @precondition(lambda self: bool(self._open_orders()))
    @rule(data=st.data(), fault=st.none() | st.sampled_from(ORDER_FAULTS),
          qty=st.sampled_from((0, 1)))
    def cancel(self, data, fault: str | None, qty: int) -> None:
        target = data.draw(st.sampled_from(self._open_orders()))
        self._send(CancelOrder(Exchange.KRX, target.ord_no, STOCK, qty), fault)

    @rule()
    def restart(self) -> None:
        """The app closes and starts again on the same journal."""
        self.service.close()
        self.service = self._open()

    @rule(reaches_exchange=st.booleans())
    def crash_mid_send(self, reaches_exchange: bool) -> None:
        """Killed between journaling and the reply: the request may or may not have left."""
        self.quantity += 1
        lower, _ = self._limits()
        order = NewOrder(Action.BUY, Exchange.KRX, STOCK, self.quantity, "0", lower)
        self.service.prepare(order)
        if reaches_exchange:
            # It left; the answer died with the app. A refusal (cash runs out after a few
            # dozen of these buys) leaves nothing at the exchange, like one that never left.
            with contextlib.suppress(OrderRejected):
                self.service.client.send_order(order)
        self.service.client.close()
        self.service.journal.close()
        self.service = self._open()  # the SENDING row is now outcome unknown

    @rule()
    def next_day(self) -> None:
        self.sim.clock.advance(DAY)
        self.service.login()  # the exchange's clock passed the token's 24 hours

    # ---- the invariant -----------------------------------------------------------------

    @invariant()
    def journal_agrees_with_the_ledger(self) -> None:
        global steps_taken
        steps_taken += 1
        if self.ghost_pending:
            time.sleep(GHOST_DELAY + 0.1)  # let it register, as it would in a poll or two
            self.ghost_pending = False
        self.sim.faults.clear()
        self.service.refresh()
        records = self.service.history()
        taken = [(r.trade_day, r.ord_no) for r in records if r.ord_no]
        assert len(taken) == len(set(taken)), "one exchange order on two journal rows"
        entries = self.sim.ledger()
        ledger = {(e.time.strftime("%Y%m%d"), e.ord_no) for e in entries}
        assert ledger <= set(taken), f"lost: {sorted(ledger - set(taken))}"
        assert set(taken) <= ledger, f"phantom: {sorted(set(taken) - ledger)}"
        buys = [e.qty for e in entries if e.api_id == "kt10000"]
        assert len(buys) == len(set(buys)), "a buy reached the exchange twice"
        stuck = [r for r in records if r.status.is_unsettled]
        assert not stuck, f"unsettled after a poll: {stuck}"
