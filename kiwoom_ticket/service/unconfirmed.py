"""States a live event set that the exchange's lists have not confirmed yet.

The live-event applier (live_orders.py) puts a record here when an event moves it; the
reconciler (settle.py) holds each against the exchange's lists and takes it out once
they agree, or once they have won. The set stays on trial across restarts: it is kept
in the journal's note (written in the same transaction as the state), so a lie can't
outlive the app.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from ..journal import Journal

LIVE_SET_NOTE = "live_unconfirmed"  # journal note: records a live event set, unconfirmed


class UnconfirmedLiveStates:
    def __init__(self, journal: Journal, now: Callable[[], datetime]) -> None:
        self._journal = journal
        self._now = now
        text = journal.note(LIVE_SET_NOTE)
        try:
            ids = json.loads(text) if text else []
        except ValueError:
            ids = []
        start = now()
        self._since: dict[str, datetime] = {i: start for i in ids if isinstance(i, str)}
        self._kept = set(self._since)  # what the journal's note holds

    def __bool__(self) -> bool:
        return bool(self._since)

    def __len__(self) -> int:
        return len(self._since)

    def local_ids(self) -> list[str]:
        return list(self._since)

    def add(self, local_id: str) -> None:
        """A live event just set the state of the record `local_id`."""
        self._since[local_id] = self._now()

    def drop(self, local_id: str) -> None:
        """The exchange's lists settled the record `local_id` (or it is no longer today's)."""
        self._since.pop(local_id, None)

    def keep(self) -> None:
        """The set into the journal's note, when it changed since it was last kept."""
        ids = set(self._since)
        if ids != self._kept:
            self._journal.set_note(LIVE_SET_NOTE, json.dumps(sorted(ids)) if ids else None)
            self._kept = ids
