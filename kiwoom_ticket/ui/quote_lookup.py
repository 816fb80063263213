"""A ticket tab's quote: the first lookup of a code (whether the stock exists, its
limits), refreshes on each poll and tab change, live trades, and what the quote line
shows meanwhile. Part of TicketForm (a base class of it: uses its fields, session,
quote line and boxes)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from ..domain.validation import UNKNOWN_STOCK_CODES, Field, is_stock_code
from ..service import ApiError, Quote
from . import lang_texts  # noqa: F401  (registers the texts)
from .i18n import pick, tr
from .messages import error_detail, error_text

log = logging.getLogger(__name__)


def is_unknown_stock(exc: BaseException) -> bool:
    """Kiwoom said there is no such stock (not: the lookup could not be made)."""
    return isinstance(exc, ApiError) and exc.code in UNKNOWN_STOCK_CODES


def is_full_code(code: str) -> bool:
    """A code complete enough to look up: what validation accepts as a stock code."""
    return is_stock_code(code)


class QuoteLookup:
    """The quote half of a ticket tab."""

    lookup_task: asyncio.Task | None
    refresh_task: asyncio.Task | None
    _quote: Quote | None
    _unknown_code: str | None
    _quote_note: tuple[str, str | None] | None

    def lookup(self) -> None:
        """Look the stock up through the worker once the code is complete."""
        code = self.stock_code()
        self._quote = None
        self._unknown_code = None
        self._quote_note = None
        if not is_full_code(code) or not self.session.connected:
            self._show_quote()
            self.update_estimate()
            return
        self._quote_note = (tr("quote.looking_up"), None)
        self._show_quote()
        if self.lookup_task is not None and not self.lookup_task.done():
            self.lookup_task.cancel()  # another code now: its answer would be dropped anyway
        self.lookup_task = asyncio.ensure_future(self._lookup(code))

    async def _lookup(self, code: str) -> None:
        try:
            quote = await self.session.quote(code)
        except Exception as exc:
            if code == self.stock_code():
                self._lookup_failed(code, exc)
            return
        if code != self.stock_code():  # typed on meanwhile
            return
        self._set_quote(quote)
        self.quote_arrived(quote)

    def _lookup_failed(self, code: str, exc: BaseException) -> None:
        log.info("quote of %s failed: %s", code, error_detail(exc))
        said = error_text(exc)
        if is_unknown_stock(exc):
            self._unknown_code = code
            self.boxes[Field.STOCK_CODE].show_issues(self.form_issues().issues)
        self._quote_note = (f"{tr('quote.failed')} — {pick(said)}",
                            f"{pick(said)}\n{error_detail(exc)}")
        self._show_quote()

    def refresh_quote(self) -> asyncio.Task | None:
        """Fetch the quote of the code in the field again (each poll, a tab change), so
        the prices and limits stay true. What is shown stays until the new one is in."""
        code = self.stock_code()
        if not is_full_code(code) or not self.session.connected or code == self._unknown_code:
            return None
        for task in (self.lookup_task, self.refresh_task):
            if task is not None and not task.done():
                return None
        if self._quote is None or self._quote.code != code:
            self.lookup()  # none yet (a failed lookup, say): a first lookup
            return self.lookup_task
        self.refresh_task = asyncio.ensure_future(self._refresh_quote(code))
        return self.refresh_task

    async def _refresh_quote(self, code: str) -> None:
        try:
            quote = await self.session.quote(code)
        except Exception as exc:  # the last quote stays, with its time
            log.info("quote refresh of %s failed: %s", code, error_detail(exc))
            return
        if code == self.stock_code():
            self._set_quote(quote)

    def _set_quote(self, quote: Quote) -> None:
        self._quote = quote
        self._quote_note = None
        self._show_quote()
        self.update_estimate()
        self.quote_shown.emit(quote)

    def live_trade(self, price: int, volume: int) -> None:
        """A live trade (0B) of the stock in the field: the shown quote follows it."""
        q = self._quote
        if q is not None and q.code == self.stock_code() and (q.current, q.volume) != (
                price, volume):
            self._set_quote(replace(q, current=price, volume=volume))

    def forget_quote(self, loading: bool, clear_prices: bool = True) -> None:
        """Another environment: the quote, its limits and a price taken from it are the
        old environment's, never to be read as this one's (a practice price under the red
        [실전] banner looks live). Until its own quote arrives: "불러오는 중…", or "—"
        when there is no connection to bring one."""
        for task in (self.lookup_task, self.refresh_task):
            if task is not None and not task.done():
                task.cancel()
        self._quote = None
        self._unknown_code = None
        code = self.stock_code()
        if is_full_code(code):
            note = tr("common.loading") if loading else tr("common.none")
            self._quote_note = (f"{self._known_name or code} · {note}".strip(" ·"), None)
        else:
            self._quote_note = None
        if clear_prices:  # another environment: a price taken from the old quote goes too
            for editor in self.price_editors():
                if editor.isEnabled():
                    editor.clear()
        self._show_quote()
        self.update_estimate()

    def stop(self) -> None:
        """The window is closing: lookups in flight are dropped (their fields go)."""
        for task in (self.lookup_task, self.refresh_task):
            if task is not None:
                task.cancel()

    def quote_arrived(self, quote: Quote) -> None:
        """Hook for tabs that prefill from the quote (its first arrival for a code)."""

    def _show_quote(self) -> None:
        q = self._quote
        if q is not None and q.code == self.stock_code():
            self.quote_line.show_quote(q, at=self.session.quoted_at(q.code))
        elif self._quote_note is not None:
            self.quote_line.show_message(*self._quote_note)
        else:
            self.quote_line.show_message(self.no_quote_text())
        self.sync_presets()

    def no_quote_text(self) -> str:
        """What the quote line says with no quote and nothing looked up (hook)."""
        return self._known_name

    # ---- price presets (호가 프리셋) ----------------------------------------------------------
