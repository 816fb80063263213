"""Brackets (domain/brackets.py) at work: a target sell placed as the buy fills, a stop
watch on what is held of it, and one side closing the other.

Each bracket's steps run one at a time (a lock per bracket), so two record batches can't
both place the target for the same fill. Every step that sends writes first: what the
target covers, then the sell; the stop is a watch (fires once, journaled as watches are).
When the stop fires, the watch keeper calls `before_fire`: the target's open sells are
cancelled (journal first, as any cancel) before the stop's sell is sized.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.brackets import Bracket, BracketState, still_held, target_step
from ..domain.kill_switch import OrdersHalted
from ..domain.orders import Action, CancelOrder, NewOrder
from ..domain.records import OrderRecord
from ..domain.status import OrderStatus
from ..domain.text import Text, journal_text, with_text
from ..domain.watches import TriggerUnit, Watch, WatchKind
from ..journal.protection_store import ProtectionStore
from .background import BackgroundTasks
from .observer import Event
from .watch_keeper import Core, WatchKeeper

log = logging.getLogger(__name__)

Runner = Callable[..., Awaitable[Any]]
NOT_READY = Text("브래킷을 아직 쓸 수 없습니다 (연결 마무리 중): 매수는 보내지 않았습니다",
                 "Brackets aren't ready yet (still connecting): the buy was not sent")
_FINAL = (OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.REJECTED,
          OrderStatus.NOT_RECEIVED, OrderStatus.EXPIRED, OrderStatus.MODIFIED)


def further(known: OrderRecord | None, other: OrderRecord | None) -> OrderRecord:
    """Of two copies of one order, the one further along: more filled, then finished,
    then the later written. Fills and an order's end only move forward, so a copy read
    before a fill was journaled never replaces one that has it."""
    if known is None or other is None:
        found = known or other
        assert found is not None
        return found

    def progress(r: OrderRecord) -> tuple[int, bool, datetime]:
        return r.filled_qty, r.status in _FINAL, r.updated_at

    return other if progress(other) > progress(known) else known


class BracketKeeper:
    def __init__(self, core: Core, run: Runner, watches: WatchKeeper) -> None:
        self._core, self._run, self._watches = core, run, watches
        self._store: ProtectionStore | None = None
        self._started = False  # read from the file: start() ended
        self._brackets: dict[str, Bracket] = {}
        self._records: dict[str, OrderRecord] = {}  # buys and target sells, by local id
        self._locks: dict[str, asyncio.Lock] = {}
        self.background = BackgroundTasks("bracket step")
        self.changed = Event()  # (list[Bracket])
        watches.before_fire = self._before_fire
        core.records_changed.connect(self._moved)

    def all(self) -> list[Bracket]:
        return list(self._brackets.values())

    @property
    def started(self) -> bool:
        """Read from the file (what it holds is in `all()`)."""
        return self._started

    async def start(self, store: ProtectionStore) -> None:
        self._store = store
        self._brackets = {b.bracket_id: b for b in await self._run(store.brackets)}
        service = self._core.service
        for b in self._brackets.values():
            if b.state is BracketState.CLOSED or service is None:
                continue
            for local_id in (b.buy_local_id, *b.target_ids):
                rec = await self._run(service.journal.get, local_id)
                if rec is not None:
                    self._records[local_id] = rec
            self.background.spawn(self._step(b.bracket_id))  # fills that came while it was off
        self.changed.emit(self.all())
        self._started = True

    def stop(self) -> None:
        self.background.stop()
        self._started = False
        self._store = None
        self._brackets = {}
        self._records = {}

    async def add(self, buy: OrderRecord, target_price: int, stop_ticks: int) -> Bracket:
        """A bracket on the buy `buy` (open or filled): sells at `target_price`, stops
        `stop_ticks` ticks under its average fill price."""
        if self._store is None or buy.action is not Action.BUY:
            raise ValueError("a bracket goes on a buy, once connected")
        # Followed from now, before anything awaits: a fill journaled while the journal's
        # row is read or the bracket written (records_changed) lands in _records, and
        # neither the caller's copy nor that read, older than it, may put it back.
        local_id = buy.local_id
        self._records[local_id] = further(self._records.get(local_id), buy)
        service = self._core.service
        if service is not None:  # the journal's row: the caller's copy may be behind
            stored = await self._run(service.journal.get, local_id)
            self._records[local_id] = further(self._records.get(local_id) or buy, stored)
        buy = self._records.get(local_id) or buy
        b = Bracket(uuid.uuid4().hex, buy.env, buy.stock_code, local_id, target_price,
                    stop_ticks, buy.exchange, buy.stock_name)
        await self._run(self._store.save_bracket, b)
        self._brackets[b.bracket_id] = b
        self._records.setdefault(local_id, buy)  # (stop() meanwhile emptied it)
        self.changed.emit([b])
        await self._step(b.bracket_id)
        return self._brackets[b.bracket_id]

    async def buy_with_bracket(self, order: NewOrder, stock_name: str, target_price: int,
                               stop_price: int) -> list[OrderRecord]:
        """Place the buy `order` with its bracket (set on the Buy tab): the bracket is
        written once the buy is journaled and before it leaves (rule 2), so a crash right
        after the send still finds it; a buy refused or never taken closes it (`_step`)."""
        store = self._store
        if order.action is not Action.BUY:
            raise ValueError("a bracket goes on a buy")
        if store is None:  # (read from the file a worker turn after connecting)
            raise with_text(RuntimeError, NOT_READY)
        loop = asyncio.get_running_loop()
        made: list[Bracket] = []

        def follow(b: Bracket, buy: OrderRecord) -> None:  # on this loop, before the reply
            if self._store is not store:  # stopped or reconnected meanwhile
                return
            # Never over a copy a step has moved on (what its target covers): that copy
            # would place the target again.
            self._brackets.setdefault(b.bracket_id, b)
            self._records[buy.local_id] = further(self._records.get(buy.local_id), buy)

        def attach(buy: OrderRecord) -> None:  # on the worker: the buy is journaled, not sent
            b = Bracket(uuid.uuid4().hex, buy.env, buy.stock_code, buy.local_id, target_price,
                        0, buy.exchange, stock_name, stop_price=stop_price)
            store.save_bracket(b)
            made.append(b)
            # Followed before the reply is: a fill told as soon as the buy is taken finds it.
            loop.call_soon_threadsafe(follow, b, buy)

        records = await self._core.place(order, stock_name, attach=attach)
        if not made:
            return records
        [b] = made
        buy = next((r for r in records if r.local_id == b.buy_local_id), None)
        if self._store is store:  # (not stopped or reconnected meanwhile)
            follow(b, buy or self._records.get(b.buy_local_id) or records[0])
            service = self._core.service
            if service is not None:  # the journal's row: a fill may be there already
                stored = await self._run(service.journal.get, b.buy_local_id)
                self._records[b.buy_local_id] = further(self._records.get(b.buy_local_id),
                                                        stored)
            self.changed.emit([self._brackets.get(b.bracket_id, b)])
            self.background.spawn(self._step(b.bracket_id))
        return records

    # ---- following the orders ------------------------------------------------------------

    def _moved(self, records: list[OrderRecord]) -> None:
        touched = set()
        for r in records:
            if r.local_id in self._records:
                self._records[r.local_id] = r
                touched |= {b.bracket_id for b in self._brackets.values()
                            if r.local_id == b.buy_local_id or r.local_id in b.target_ids}
        for bracket_id in touched:
            self.background.spawn(self._step(bracket_id))

    def _bought(self, b: Bracket) -> tuple[int, int, bool]:
        """(bought, its average price, whether the buy is finished)."""
        buy = self._records.get(b.buy_local_id)
        if buy is None:
            return 0, 0, False
        return buy.filled_qty, buy.avg_fill_price or buy.price or 0, buy.status in _FINAL

    def _target_sold(self, b: Bracket) -> int:
        return sum(r.filled_qty for i in b.target_ids if (r := self._records.get(i)))

    async def _step(self, bracket_id: str) -> None:
        lock = self._locks.setdefault(bracket_id, asyncio.Lock())
        async with lock:
            b = self._brackets.get(bracket_id)
            store = self._store
            if b is None or store is None or b.state is BracketState.CLOSED:
                return
            bought, average, finished = self._bought(b)
            if finished and bought == 0:
                await self._save(b.moved(state=BracketState.CLOSED))
                return
            order = target_step(b, bought)
            if order is not None:
                b = b.moved(covered=bought, state=BracketState.ACTIVE)
                await self._save(b)  # written before the sell leaves
                # No more than can be sold now: another sell (a watch's, the trader's) may
                # have set the bought shares aside. The target is short then, and says so.
                sellable = await self._sellable(b.stock_code)
                short = sellable is not None and sellable < order.quantity
                try:
                    if short:
                        order = replace(order, quantity=sellable) if sellable else None
                    records = await self._core.place(order, b.stock_name) if order else []
                except OrdersHalted as exc:
                    b = b.moved(message=journal_text(exc.text))
                    records = []
                if records:
                    self._records[records[0].local_id] = records[0]
                    b = b.moved(target_ids=(*b.target_ids, records[0].local_id), message="")
                if short:
                    b = b.moved(message=journal_text(_TARGET_SHORT))
                await self._save(b)
            await self._follow_stop(b, bought, average, finished)

    async def _sellable(self, code: str) -> int | None:
        """What the exchange says can be sold of `code` now (held minus open sells), or
        None if the account can't be read (the exchange then has the last word)."""
        try:
            account = await self._core.load_account()
        except Exception as exc:
            log.info("bracket: account not read before the target: %s", exc)
            return None
        if account is None:
            return None
        return next((h.sellable for h in account.holdings if h.code == code), 0)

    async def _follow_stop(self, b: Bracket, bought: int, average: int, finished: bool) -> None:
        held = still_held(bought, self._target_sold(b))
        if b.stop_watch_id is None:
            if held > 0 and average > 0:
                # Set on entry: at its own price; else ticks under the average fill.
                unit, amount = ((TriggerUnit.PRICE, b.stop_price) if b.stop_price
                                else (TriggerUnit.TICKS, b.stop_ticks))
                w = await self._watches.add(b.stock_code, WatchKind.STOP_LOSS, unit, amount,
                                            held, average, exchange=b.exchange,
                                            stock_name=b.stock_name)
                await self._save(b.moved(stop_watch_id=w.watch_id))
            return
        if held > 0:
            await self._watches.set_quantity(b.stop_watch_id, held)
        elif finished:  # the target sold all that was bought: the stop goes
            await self._watches.cancel(b.stop_watch_id)
            await self._save(b.moved(state=BracketState.CLOSED))

    async def _before_fire(self, w: Watch) -> int | None:
        """The stop fired: cancel the target's open sells first (one at a time, journal
        first); the stop then sells what is left of the bracket's, as the exchange says
        once they are cancelled (a target may have filled since the last poll: what it
        sold is not the stop's to sell again)."""
        b = next((x for x in self._brackets.values() if x.stop_watch_id == w.watch_id), None)
        if b is None:
            return None
        async with self._locks.setdefault(b.bracket_id, asyncio.Lock()):
            for local_id in b.target_ids:
                rec = self._records.get(local_id)
                if rec is None or not rec.ord_no or rec.status in _FINAL:
                    continue
                changed = await self._core.place(
                    CancelOrder(rec.exchange, rec.ord_no, rec.stock_code, 0), rec.stock_name)
                for r in changed:
                    if r.local_id in self._records:
                        self._records[r.local_id] = r
            if b.target_ids:
                await self._core.refresh(full=True)  # the target's fills (_moved takes them)
            await self._save(b.moved(state=BracketState.CLOSED))
            # (The stop's sell is then sized on the account read afresh: WatchKeeper._sell.)
            bought, _average, _finished = self._bought(b)
            return still_held(bought, self._target_sold(b))

    async def _save(self, b: Bracket) -> None:
        store = self._store
        if store is not None and await self._run(store.save_bracket, b):
            self._brackets[b.bracket_id] = b
            self.changed.emit([b])


_TARGET_SHORT = Text("익절 주문이 매수 수량보다 적습니다: 다른 매도가 주식을 잡고 있습니다",
                     "The target is short of what was bought: another sell holds the shares")
