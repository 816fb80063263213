"""What the owner wants registered, as (grp_no, type, item) triples, kept across
connections: the session REGs what is wanted and not yet registered, and REMOVEs the rest."""

from __future__ import annotations

import threading

from .frames import ACCOUNT_TYPES, Subscription

Triple = tuple[str, str, str]  # (grp_no, type, item)


class Wanted:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._triples: dict[Triple, None] = {}  # in the order asked for

    def change(self, sub: Subscription, on: bool) -> None:
        """Add (on) or drop the subscription's triples; account types take item ""."""
        with self._lock:
            for t in sub.types:
                for item in ("",) if t in ACCOUNT_TYPES else sub.items:
                    if on:
                        self._triples[(sub.grp_no, t, item)] = None
                    else:
                        self._triples.pop((sub.grp_no, t, item), None)

    def discard(self, triples: set[Triple]) -> None:
        with self._lock:
            for t in triples:
                self._triples.pop(t, None)

    def snapshot(self) -> set[Triple]:
        with self._lock:
            return set(self._triples)


def by_group(triples: set[Triple]) -> dict[str, set[Triple]]:
    out: dict[str, set[Triple]] = {}
    for t in triples:
        out.setdefault(t[0], set()).add(t)
    return out
