"""A ticket tab's quote: the first lookup of a code (whether the stock exists, its
limits), refreshes on each poll and tab change, live trades, and what the quote line
shows meanwhile.

A collaborator the form owns: it holds the quote and paints the quote line; it reads the
code from the form and tells the form (`QuoteOwner`) when the quote changed, so the form
updates what follows from it (its estimate, its price, the account panel)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import Protocol

from ..domain.validation import UNKNOWN_STOCK_CODES, Report, is_stock_code, unknown_stock_issue
from ..service import ApiError, Quote
from . import lang_texts  # noqa: F401  (registers the texts)
from .i18n import pick, tr
from .messages import error_detail, error_text
from .quote_line import QuoteLine
from .session_bridge import SessionBridge
from .tasks import TaskRunner

log = logging.getLogger(__name__)


def is_unknown_stock(exc: BaseException) -> bool:
    """Kiwoom said there is no such stock (not: the lookup could not be made)."""
    return isinstance(exc, ApiError) and exc.code in UNKNOWN_STOCK_CODES


def is_full_code(code: str) -> bool:
    """A code complete enough to look up: what validation accepts as a stock code."""
    return is_stock_code(code)


class QuoteOwner(Protocol):
    """What the lookup asks of the form that owns it."""

    def stock_code(self) -> str:
        """The code in the stock field now (normalised)."""
        ...

    def quote_changed(self, quote: Quote | None) -> None:
        """The quote shown changed (None: none is shown): what follows from it updates."""
        ...

    def quote_arrived(self, quote: Quote) -> None:
        """The first quote of a code arrived (a tab may prefill its price)."""
        ...

    def stock_not_found(self) -> None:
        """The lookup said the stock does not exist: say it next to the field."""
        ...

    def no_quote_text(self) -> str:
        """What the quote line says with no quote and nothing looked up."""
        ...

    def quote_painted(self) -> None:
        """The quote line was painted again (the price presets follow it)."""
        ...


def _quote_stays(_exc: BaseException) -> None:
    """A refresh that failed: nothing to say beyond the runner's log (the quote keeps
    its time)."""


class QuoteLookup:
    def __init__(self, owner: QuoteOwner, session: SessionBridge, tasks: TaskRunner,
                 line: QuoteLine) -> None:
        self.owner = owner
        self.session = session
        self.tasks = tasks
        self.line = line
        self.quote: Quote | None = None
        self.known_name = ""  # a name from the selected log row, when no quote is in
        self.unknown_code: str | None = None  # a code the lookup said does not exist
        self.note: tuple[str, str | None] | None = None  # looking up / failed
        self.lookup_task: asyncio.Task[None] | None = None  # the first lookup of a code
        self.refresh_task: asyncio.Task[None] | None = None  # a later one (poll, tab change)

    # ---- what is known -----------------------------------------------------------------

    def current(self) -> Quote | None:
        """The quote of the code in the field, if one is in."""
        q = self.quote
        return q if q is not None and q.code == self.owner.stock_code() else None

    def stock_name(self) -> str:
        q = self.current()
        return q.name if q is not None else self.known_name

    def issues(self) -> Report:
        """A stock the lookup did not find (an error: nothing is sent)."""
        code = self.owner.stock_code()
        if self.unknown_code is not None and self.unknown_code == code:
            return Report((unknown_stock_issue(code),))
        return Report()

    # ---- lookups ----------------------------------------------------------------------

    def lookup(self) -> None:
        """Look the stock up through the worker once the code is complete."""
        code = self.owner.stock_code()
        self.quote = None
        self.unknown_code = None
        self.note = None
        if not is_full_code(code) or not self.session.connected:
            self.show()
            self.owner.quote_changed(None)
            return
        self.note = (tr("quote.looking_up"), None)
        self.show()
        if self.lookup_task is not None and not self.lookup_task.done():
            self.lookup_task.cancel()  # another code now: its answer would be dropped anyway
        self.lookup_task = self.tasks.run(
            self._lookup(code), what=f"quote of {code}",
            on_error=lambda exc: self._lookup_failed(code, exc))

    async def _lookup(self, code: str) -> None:
        try:
            quote = await self.session.quote(code)
        except ApiError as exc:
            if not is_unknown_stock(exc):
                raise  # the runner logs it and calls _lookup_failed
            # Not a failure but an answer, and one a send waiting for this lookup needs
            # before it decides (QuoteLookup.settled): so within the task, not after it.
            log.info("quote of %s: no such stock (%s)", code, error_detail(exc))
            self._lookup_failed(code, exc)
            return
        if code != self.owner.stock_code():  # typed on meanwhile
            return
        self._set(quote)
        self.owner.quote_arrived(quote)

    def _lookup_failed(self, code: str, exc: BaseException) -> None:
        """Said next to the stock field, if it still holds `code`."""
        if code != self.owner.stock_code():
            return
        said = error_text(exc)
        if is_unknown_stock(exc):
            self.unknown_code = code
            self.owner.stock_not_found()
        self.note = (f"{tr('quote.failed')} — {pick(said)}", f"{pick(said)}\n{error_detail(exc)}")
        self.show()

    def refresh(self) -> asyncio.Task[None] | None:
        """Fetch the quote of the code in the field again (each poll, a tab change), so
        the prices and limits stay true. What is shown stays until the new one is in."""
        code = self.owner.stock_code()
        if not is_full_code(code) or not self.session.connected or code == self.unknown_code:
            return None
        for task in (self.lookup_task, self.refresh_task):
            if task is not None and not task.done():
                return None
        if self.quote is None or self.quote.code != code:
            self.lookup()  # none yet (a failed lookup, say): a first lookup
            return self.lookup_task
        # A refresh that fails is logged and the last quote stays, with its time.
        self.refresh_task = self.tasks.run(self._refresh(code), what=f"quote refresh of {code}",
                                           on_error=_quote_stays)
        return self.refresh_task

    async def _refresh(self, code: str) -> None:
        quote = await self.session.quote(code)
        if code == self.owner.stock_code():
            self._set(quote)

    async def settled(self, timeout: float = 10.0) -> None:
        """Wait for the lookup a filled-in stock code started: price limits and the
        distance checks need the quote."""
        task = self.lookup_task
        if task is not None and not task.done():
            await asyncio.wait({task}, timeout=timeout)

    def _set(self, quote: Quote) -> None:
        self.quote = quote
        self.note = None
        self.show()
        self.owner.quote_changed(quote)

    def live_trade(self, price: int, volume: int) -> None:
        """A live trade (0B) of the stock in the field: the shown quote follows it."""
        q = self.current()
        if q is not None and (q.current, q.volume) != (price, volume):
            self._set(replace(q, current=price, volume=volume))

    def forget(self, loading: bool) -> None:
        """Another environment: the quote and its limits are the old environment's, never
        to be read as this one's (a practice price under the red [실전] banner looks
        live). Until its own quote arrives: "불러오는 중…", or "—" when there is no
        connection to bring one."""
        self.stop()
        self.quote = None
        self.unknown_code = None
        code = self.owner.stock_code()
        if is_full_code(code):
            note = tr("common.loading") if loading else tr("common.none")
            self.note = (f"{self.known_name or code} · {note}".strip(" ·"), None)
        else:
            self.note = None

    def clear(self) -> None:
        """Esc: no quote, no name, nothing looked up."""
        self.known_name = ""
        self.quote = None
        self.note = None
        self.unknown_code = None

    def stop(self) -> None:
        """Lookups in flight are dropped (another environment, or the window closing)."""
        for task in (self.lookup_task, self.refresh_task):
            if task is not None and not task.done():
                task.cancel()

    # ---- the quote line ---------------------------------------------------------------

    def show(self) -> None:
        q = self.current()
        if q is not None:
            self.line.show_quote(q, at=self.session.quoted_at(q.code))
        elif self.note is not None:
            self.line.show_message(*self.note)
        else:
            self.line.show_message(self.owner.no_quote_text())
        self.owner.quote_painted()
