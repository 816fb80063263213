"""The stock list the search offers: Kiwoom's ka10099, fetched once a trading day per
environment and kept in the data folder (stock-list-<env>.json), and in memory for the
session. Each market is its own worker call, so an order clicked meanwhile goes out
between them instead of waiting for the whole list.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.stock_search import Stock, StockDirectory
from ..domain.text import Text
from ..kiwoom.errors import KiwoomError
from ..kiwoom.stock_list import MARKETS, MAX_NAME, MAX_ROWS, STOCK_CODE
from .orders import OrderService

if TYPE_CHECKING:
    from ..kiwoom.client import KiwoomClient

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
MAX_CACHE_BYTES = 16 * 1024 * 1024
_DAY = re.compile(r"\d{8}")

Runner = Callable[..., Awaitable[Any]]


class Abandoned(RuntimeError):
    """The environment was left while its list loaded: its service is closed."""

    text = Text("환경이 바뀌어 종목 목록을 받지 않았습니다", "Environment left: no stock list")

    def __init__(self) -> None:
        super().__init__(str(self.text))


def cache_path(env_name: str, folder: Path) -> Path:
    return folder / f"stock-list-{env_name}.json"


def _stock(row: Any) -> Stock | None:
    if not (isinstance(row, list) and len(row) == 3 and all(isinstance(v, str) for v in row)):
        return None
    code, name, market = row
    if not STOCK_CODE.fullmatch(code) or not name or len(name) > MAX_NAME:
        return None
    return Stock(code, name, market)


def read_cache(path: Path, env_name: str) -> tuple[str, list[Stock]] | None:
    """(trading day, stocks) from the cache file; None when there is none, or it is
    damaged, too big, or another environment's (then the list is fetched afresh)."""
    try:
        if path.stat().st_size > MAX_CACHE_BYTES:
            raise ValueError("too big")
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            raise ValueError("not a stock list")
        day, rows = data.get("day"), data.get("stocks")
        if data.get("env") != env_name or not isinstance(day, str) or not _DAY.fullmatch(day):
            raise ValueError("another environment's or day-less")
        if not isinstance(rows, list) or len(rows) > MAX_ROWS * len(MARKETS):
            raise ValueError("rows")
        stocks = [_stock(row) for row in rows]
        if any(s is None for s in stocks):
            raise ValueError("a malformed row")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError too
        log.info("stock list cache %s ignored: %s", path.name, exc)
        return None
    return day, [s for s in stocks if s is not None]


def write_cache(path: Path, env_name: str, day: str, stocks: list[Stock]) -> None:
    """Write the whole file or nothing: a temporary file beside it, then os.replace."""
    data = {"format": CACHE_FORMAT, "env": env_name, "day": day,
            "stocks": [[s.code, s.name, s.market] for s in stocks]}
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=path.name, suffix=".tmp", delete=False) as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(f.name, path)
    except OSError as exc:  # a full disk costs a fetch tomorrow, nothing more
        log.info("stock list cache %s not written: %s", path.name, exc)
        Path(f.name).unlink(missing_ok=True)


def fetch_market(client: KiwoomClient, market: str) -> list[Stock]:
    """One market from ka10099 (every page), as Stocks."""
    return [Stock(r["code"], r["name"], r["market"]) for r in client.stock_list(market)]


def cache_folder(service: OrderService) -> Path | None:
    """The folder the environment's journal is in (None: an in-memory journal)."""
    path = service.journal.path
    return None if str(path) == ":memory:" else path.parent


class StockLists:
    """One StockDirectory per environment for the session; concurrent askers share one
    fetch. Qt-free; blocking steps run through `run` (the serial worker)."""

    def __init__(self) -> None:
        self._ready: dict[str, StockDirectory] = {}
        self._loading: dict[str, asyncio.Future[StockDirectory]] = {}

    async def get(self, service: OrderService, run: Runner,
                  current: Callable[[], bool] = lambda: True) -> StockDirectory:
        """The directory of `service`'s environment; `current` says whether `service` is
        still the one in use (once it is not, nothing more is asked of it). The first
        asker loads it; whoever asks meanwhile waits for that same load."""
        env = service.env.value
        ready = self._ready.get(env)
        if ready is not None:
            return ready
        shared = self._loading.get(env)
        if shared is not None:
            return await asyncio.shield(shared)
        shared = asyncio.get_running_loop().create_future()
        self._loading[env] = shared
        try:
            directory = await self._load(service, run, current)
        except BaseException as exc:
            if isinstance(exc, asyncio.CancelledError):
                shared.cancel()
            else:
                shared.set_exception(exc)
                shared.exception()  # said to whoever waits; nobody may: not "unretrieved"
            raise
        finally:
            self._loading.pop(env, None)
        self._ready[env] = directory
        shared.set_result(directory)
        return directory

    async def _load(self, service: OrderService, run: Runner,
                    current: Callable[[], bool]) -> StockDirectory:
        async def ask(fn: Callable[..., Any], *args: Any) -> Any:
            if not current():  # a closed service is asked nothing (it would log in again)
                raise Abandoned()
            return await run(fn, *args)

        env = service.env.value
        folder = cache_folder(service)
        path = cache_path(env, folder) if folder is not None else None
        day = await ask(service.today)
        cached = await run(read_cache, path, env) if path is not None else None
        if cached is not None and cached[0] == day:
            return StockDirectory(tuple(cached[1]))
        stocks: list[Stock] = []
        try:
            for market in MARKETS:
                stocks += await ask(fetch_market, service.client, market)
        except KiwoomError as exc:
            if cached is None:
                raise
            log.info("stock list not fetched (%s); using the one of %s", exc, cached[0])
            return StockDirectory(tuple(cached[1]))
        if path is not None:
            await run(write_cache, path, env, day, stocks)
        log.info("stock list of %s: %d stocks", env, len(stocks))
        return StockDirectory(tuple(stocks))
