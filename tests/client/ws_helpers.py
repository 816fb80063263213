"""A recorder of what a RealtimeSession reports, and sessions against a practice exchange."""

from __future__ import annotations

import asyncio
import threading
import time

from kiwoom_ticket.kiwoom.websocket import (
    Backoff,
    Gap,
    Notice,
    RealEntry,
    RealtimeSession,
    StreamEvents,
    StreamStatus,
    Subscription,
    Timing,
)

FAST_TIMING = Timing(connect=2.0, answer=2.0, stale_after=1.0, stable_after=30.0)
FAST_BACKOFF = Backoff(first=0.05, factor=2.0, cap=0.4, jitter=0.5)


class Recorder(StreamEvents):
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.statuses: list[StreamStatus] = []
        self.entries: list[tuple[float, RealEntry]] = []
        self.gaps: list[Gap] = []
        self.notices: list[Notice] = []

    def on_status(self, status: StreamStatus) -> None:
        with self.cond:
            self.statuses.append(status)
            self.cond.notify_all()

    def on_entries(self, entries: list[RealEntry]) -> None:
        now = time.monotonic()
        with self.cond:
            self.entries += [(now, e) for e in entries]
            self.cond.notify_all()

    def on_gap(self, gap: Gap) -> None:
        with self.cond:
            self.gaps.append(gap)
            self.cond.notify_all()

    def on_notice(self, notice: Notice) -> None:
        with self.cond:
            self.notices.append(notice)
            self.cond.notify_all()

    def wait(self, check, timeout: float = 10.0) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: check(self), timeout), self.summary()

    def of(self, type_: str, state: str | None = None) -> list[RealEntry]:
        with self.cond:
            return [e for _, e in self.entries
                    if e.type == type_ and (state is None or e.get("913") == state)]

    @property
    def states(self) -> list[str]:
        with self.cond:
            return [s.state for s in self.statuses]

    @property
    def last(self) -> StreamStatus:
        with self.cond:
            return self.statuses[-1]

    def summary(self) -> str:
        return (f"statuses={[(s.state, s.code, s.reason) for s in self.statuses]} "
                f"gaps={len(self.gaps)} notices={self.notices} entries={len(self.entries)}")


class Tokens:
    """The owner's token source: the current token unless asked for a fresh one."""

    def __init__(self, sim, app_key: str = "", first: str | None = None) -> None:
        self.sim, self.app_key = sim, app_key
        self.current = first if first is not None else sim.issue_token(app_key)
        self.calls: list[bool] = []

    def __call__(self, fresh: bool) -> str:
        self.calls.append(fresh)
        if fresh:
            self.current = self.sim.issue_token(self.app_key)
        return self.current


class OwnerLoop:
    """An owner's asyncio loop on a thread (the app's is the GUI's): a session started on
    it reads, parses and reports there."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="owner-loop",
                                       daemon=True)
        self.thread.start()

    def call(self, fn, *args):
        """fn(*args) on the loop's thread; its result."""
        async def on_loop():
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(on_loop(), self.loop).result(5.0)

    def wait(self, coro, timeout: float = 5.0):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5.0)
        self.loop.close()


class Started(list):
    """The sessions a test started, and how: on `loop` (an OwnerLoop) or their own thread."""

    def __init__(self, loop: OwnerLoop | None = None) -> None:
        super().__init__()
        self.loop = loop

    def start(self, session: RealtimeSession) -> None:
        self.append(session)
        if self.loop is None:
            session.start()
        else:
            self.loop.call(session.start, self.loop.loop)

    def stop(self, session: RealtimeSession) -> None:
        if self.loop is None:
            session.stop()
        else:  # from the loop's thread, as the app does; then its close is awaited
            self.loop.call(session.stop)
            self.loop.wait(session.ended())


def start_session(sim, started: list, token=None, subscriptions=(), name="practice",
                  timing: Timing = FAST_TIMING) -> tuple[RealtimeSession, Recorder, Tokens]:
    rec = Recorder()
    tokens = token or Tokens(sim)
    source = tokens
    if getattr(started, "loop", None) is not None:
        async def source(fresh: bool) -> str:  # awaited on the owner's loop, as the app's
            return tokens(fresh)

    session = RealtimeSession(sim.ws_url, source, rec, name=name, timing=timing,
                              backoff=FAST_BACKOFF, seed=1,
                              subscriptions=[Subscription.of(*s) for s in subscriptions])
    if isinstance(started, Started):
        started.start(session)
    else:
        started.append(session)
        session.start()
    return session, rec, tokens
