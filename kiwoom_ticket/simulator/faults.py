"""Faults on demand, for reliability tests.

Kinds, and whether the request is carried out before the fault shows:
- latency: the reply comes `seconds` late. phase "after" (default): the request is
  carried out first, then the reply waits; phase "before": it waits, then is carried out.
- drop_after_accept: carried out (an order is in the ledger), then the connection is
  closed with no reply.
- http500: HTTP 500 with an HTML body; not carried out.
- bad_json: carried out, then answered with truncated JSON.
- rate_limit: HTTP 429 with Kiwoom's 1700 text; not carried out.
- expired_token: the caller's token expires now and the reply is 8005; not carried out.
- late_ghost: HTTP 429 with Kiwoom's 1700 text at once, and the request is carried out
  `seconds` later anyway (default 2 s): the ghost order users of Kiwoom's API report.
- redirect: carried out, then answered 307 to another host.
- slow_drip: carried out, then the reply's body trickles a byte every half second.
- oversize: carried out, then a 1 MB reply.
- mistyped: carried out, then a reply whose ord_no is a number, not 7-digit text.
- events_first: carried out, then the reply waits until the WebSocket frames the request
  made (00 접수/체결) have been sent, and `seconds` more (default 0.05): the fill arrives
  before the reply. On demand only: random() draws from KINDS unless told otherwise.
A fault with api_id None applies to any api-id (au10001/au10002 for the token paths).
"""

from __future__ import annotations

import random as _random
import threading
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("latency", "drop_after_accept", "http500", "bad_json", "rate_limit", "expired_token",
         "late_ghost", "redirect", "slow_drip", "oversize", "mistyped")
ON_DEMAND = ("events_first",)  # injected by name; never drawn by default
# Faults that stop the request before it is carried out.
BLOCKING = frozenset({"http500", "rate_limit", "expired_token"})


@dataclass(frozen=True)
class Fault:
    kind: str
    seconds: float = 0.0
    phase: str = "after"

    @property
    def blocks(self) -> bool:
        return self.kind in BLOCKING


@dataclass
class _Injected:
    api_id: str | None
    fault: Fault
    left: int


@dataclass(frozen=True)
class _Random:
    rate: float
    kinds: tuple[str, ...]
    api_ids: frozenset[str] | None
    latency_seconds: float


class Faults:
    def __init__(self, latency_ms: float = 0.0) -> None:
        self._lock = threading.Lock()
        self._queue: list[_Injected] = []
        self._random: _Random | None = None
        self._rng = _random.Random()
        self.latency_ms = latency_ms  # every reply waits this long (global)
        self.fired: dict[str, int] = {}  # kind -> how many times it happened

    def inject(
        self, api_id: str | None = None, kind: str = "latency", count: int = 1,
        seconds: float = 0.0, phase: str = "after",
    ) -> None:
        """The next `count` requests with `api_id` (None: any) get fault `kind`."""
        _check_kind(kind)
        if phase not in ("before", "after"):
            raise ValueError("phase must be 'before' or 'after'")
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._queue.append(_Injected(api_id, Fault(kind, seconds, phase), count))

    def random(
        self, rate: float, seed: int | None = None, kinds: Iterable[str] | None = None,
        api_ids: Iterable[str] | None = None, latency_seconds: float = 0.2,
    ) -> None:
        """Each request (of `api_ids`, default all) gets a fault with probability `rate`."""
        chosen = tuple(kinds) if kinds is not None else KINDS
        for kind in chosen:
            _check_kind(kind)
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        with self._lock:
            self._rng = _random.Random(seed)
            self._random = _Random(
                rate, chosen, frozenset(api_ids) if api_ids is not None else None,
                latency_seconds,
            )

    def clear(self) -> None:
        """Remove injected and random faults and the global latency."""
        with self._lock:
            self._queue.clear()
            self._random = None
            self.latency_ms = 0.0

    def set_latency(self, ms: float) -> None:
        self.latency_ms = max(0.0, float(ms))

    def take(self, api_id: str) -> Fault | None:
        """The fault for this request, if any (consumes one injected fault)."""
        with self._lock:
            for item in self._queue:
                if item.api_id is None or item.api_id == api_id:
                    item.left -= 1
                    if item.left == 0:
                        self._queue.remove(item)
                    return self._fired(item.fault)
            r = self._random
            if r is None or (r.api_ids is not None and api_id not in r.api_ids):
                return None
            if self._rng.random() >= r.rate:
                return None
            kind = self._rng.choice(r.kinds)
            seconds = r.latency_seconds if kind in ("latency", "late_ghost") else 0.0
            return self._fired(Fault(kind, seconds))

    def _fired(self, fault: Fault) -> Fault:
        self.fired[fault.kind] = self.fired.get(fault.kind, 0) + 1
        return fault


def _check_kind(kind: str) -> None:
    if kind not in KINDS + ON_DEMAND:
        raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(KINDS + ON_DEMAND)}")
