"""What the stock fields of one window share: the searchable stock list of the
environment in use (asked for once, after each connect, through the worker) and the
stocks used last (per environment, kept in the settings)."""

from __future__ import annotations

import asyncio
import json

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.environment import Environment
from ..domain.stock_search import Stock, StockDirectory
from ..domain.validation import is_stock_code
from ..service import KiwoomError
from ..service.status import Severity
from . import stock_search_texts  # noqa: F401  (registers the texts)
from .i18n import both
from .messages import error_detail, error_text, labelled
from .session_bridge import ConnectionState, NotConnected, SessionBridge
from .settings_store import KEY_RECENT_STOCKS, open_settings, read_str
from .tasks import TaskRunner

RECENT_COUNT = 6
# Seconds after a connect before the list is asked for: the connect's own requests (the
# account, the quotes of codes already typed) go to the worker first.
LIST_DELAY = 0.5
MAX_NAME = 60


def _recent_from(text: str) -> list[Stock]:
    """The saved recent stocks; whatever is not [[code, name], ...] is dropped."""
    try:
        rows = json.loads(text) if text else []
    except ValueError:
        return []
    if not isinstance(rows, list):
        return []
    stocks = []
    for row in rows[:RECENT_COUNT]:
        if (isinstance(row, list) and len(row) == 2 and all(isinstance(v, str) for v in row)
                and is_stock_code(row[0]) and len(row[1]) <= MAX_NAME):
            stocks.append(Stock(row[0], row[1]))
    return stocks


class StockSource(QObject):
    """One per SessionBridge (a child of it): `of(session)` finds or makes it. Its list
    request runs on `runner` (by default one of its own on the session's status channel:
    the list is the session's, not a window's)."""

    directory_changed = Signal()
    recent_changed = Signal()

    def __init__(self, session: SessionBridge, runner: TaskRunner) -> None:
        super().__init__(session)
        self.session = session
        self.runner = runner
        self._directories: dict[Environment, StockDirectory] = {}
        self._asked: set[Environment] = set()
        self.task: asyncio.Task | None = None
        self._settings = open_settings()
        self._recent: dict[Environment, list[Stock]] = {}
        session.state_changed.connect(self._state_changed)
        session.env_changed.connect(lambda _env: self._env_changed())

    @classmethod
    def of(cls, session: SessionBridge, runner: TaskRunner | None = None) -> StockSource:
        found = session.findChild(cls)
        if found is not None:
            return found
        return cls(session, runner if runner is not None else TaskRunner(session.status))

    # ---- the stock list ------------------------------------------------------------------

    @property
    def directory(self) -> StockDirectory | None:
        return self._directories.get(self.session.env)

    def _state_changed(self, state: ConnectionState) -> None:
        env = self.session.env
        if state is ConnectionState.CONNECTED and env not in self._asked:
            # Once per environment, after the connect (never before the window shows);
            # typing only searches what is here.
            self._asked.add(env)
            # A timer of this object: dropped with it when the window goes.
            QTimer.singleShot(int(LIST_DELAY * 1000), self, lambda: self._start(env))

    def _start(self, env: Environment) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # the app's loop has ended (closing): nothing more to ask
            return
        if env is not self.session.env or not self.session.connected:
            self._asked.discard(env)  # left meanwhile: asked at its next connect
            return
        self.task = self.runner.run(self._fetch(env), what=f"stock list of {env.value}",
                                    on_error=lambda exc: self._not_loaded(env, exc))

    def _not_loaded(self, env: Environment, exc: BaseException) -> None:
        """Asked again at the next connect (the runner logs why). The exchange's refusal
        is a quiet notice (a code typed whole still works); an environment left
        meanwhile says nothing; anything else is the app's fault and said as one."""
        self._asked.discard(env)
        if env is not self.session.env or isinstance(exc, NotConnected):
            return
        if isinstance(exc, KiwoomError):
            self.session.status.post(both("stock_search.unavailable"), error_detail(exc),
                                     Severity.INFO, persist=False)
        else:
            self.session.status.post(labelled("status.worker_error", error_text(exc)),
                                     error_detail(exc), Severity.WARNING)

    async def _fetch(self, env: Environment) -> None:
        directory = await self.session.stock_directory()
        self._directories[env] = directory
        if env is self.session.env:
            self.directory_changed.emit()

    def _env_changed(self) -> None:
        self.directory_changed.emit()
        self.recent_changed.emit()

    # ---- recent stocks -------------------------------------------------------------------

    def _key(self) -> str:
        return KEY_RECENT_STOCKS.format(env=self.session.env.value)

    @property
    def recent(self) -> list[Stock]:
        env = self.session.env
        if env not in self._recent:
            self._recent[env] = _recent_from(read_str(self._settings, self._key()))
        return list(self._recent[env])

    def remember(self, code: str, name: str) -> None:
        """A stock used (its quote arrived): first among the recent ones."""
        if not is_stock_code(code):
            return
        before = self.recent
        stock = Stock(code, (name or code)[:MAX_NAME])
        now = [stock, *(s for s in before if s.code != code)][:RECENT_COUNT]
        if now == before:
            return
        self._recent[self.session.env] = now
        self._settings.setValue(self._key(), json.dumps([[s.code, s.name] for s in now],
                                                        ensure_ascii=False))
        self.recent_changed.emit()
