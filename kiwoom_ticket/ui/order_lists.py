"""The right side of the window: the order log, 미체결 (open orders) and 체결 (fills) as
tabs. Keeps the two lists fed from the session: records as they change, the history as
it loads, the fills when their tab is first shown and on F5.

The 미체결 and 체결 panels (a table, a filter, buttons each) are built when their tab is
first shown or first asked for (`open_view`, `fills_view`), not before the window's first
paint (issue 26's cold start); their models exist from the start and are kept up to date
either way, so a panel shows what it would have shown had it always been there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..domain.fills import Fill
from . import lists_texts  # noqa: F401  (registers the texts)
from .fills_model import FillsModel
from .i18n import language, tr
from .open_orders_model import OpenOrdersModel
from .order_log_view import OrderLogView
from .session_bridge import ConnectionState

if TYPE_CHECKING:
    from .app_core import AppCore
    from .fills_view import FillsView
    from .open_orders_view import OpenOrdersView
    from .ticket_desk import TicketDesk

LOG_TAB, OPEN_TAB, FILLS_TAB = range(3)


class OrderLists(QTabWidget):
    def __init__(self, core: AppCore, log_view: OrderLogView, desk: TicketDesk) -> None:
        super().__init__()
        session = core.session
        self.session = session
        self.log_view = log_view
        self._core, self._desk = core, desk
        self.open_model = OpenOrdersModel(session.orders.book, self)
        self.fills_model = FillsModel(self)
        self._open_view: OpenOrdersView | None = None  # built on first view
        self._fills_view: FillsView | None = None
        self._on_fills_built: list[Callable[[FillsView], None]] = []
        # Each tab's page holds its panel once built (the page, not the panel, is the tab).
        self.open_page, self.fills_page = QWidget(), QWidget()
        self._page_layouts: dict[QWidget, QVBoxLayout] = {}
        for page, name in ((self.open_page, "openOrdersPage"), (self.fills_page, "fillsPage")):
            page.setObjectName(name)
            layout = self._page_layouts[page] = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
        log_view.title.hide()  # the tab says it
        self.addTab(log_view, "")
        self.addTab(self.open_page, "")
        self.addTab(self.fills_page, "")
        self.setDocumentMode(True)
        self.open_model.rowsInserted.connect(self._recount)
        self.open_model.rowsRemoved.connect(self._recount)
        self.open_model.modelReset.connect(self._recount)
        self.currentChanged.connect(self._tab_changed)
        self._day: str | None = None
        language.changed.connect(self._language_changed)
        self.retranslate()
        self.wire()

    @property
    def open_view(self) -> OpenOrdersView:
        """The 미체결 panel, built now if its tab has not been shown yet."""
        if self._open_view is None:
            from .open_orders_view import OpenOrdersView

            core, desk = self._core, self._desk
            view = OpenOrdersView(self.open_model, self.session, core.dialogs, core.tasks)
            view.modify_requested.connect(lambda rec: desk.open_amend(rec, desk.modify_form))
            view.record_selected.connect(desk.fill_from_log)
            self._page_layouts[self.open_page].addWidget(view)
            self._open_view = view
        return self._open_view

    @property
    def fills_view(self) -> FillsView:
        """The 체결 panel, built now if its tab has not been shown yet."""
        if self._fills_view is None:
            from .fills_view import FillsView

            view = FillsView(self.fills_model, self.session, self._core.tasks)
            self._page_layouts[self.fills_page].addWidget(view)
            self._fills_view = view
            for built in self._on_fills_built:
                built(view)
        return self._fills_view

    def when_fills_built(self, built: Callable[[FillsView], None]) -> None:
        """`built(view)` once the 체결 panel exists (now, if it does): what attaches to it
        must not build it before its tab is first shown."""
        if self._fills_view is not None:
            built(self._fills_view)
        else:
            self._on_fills_built.append(built)

    def _language_changed(self, _code: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(LOG_TAB, tr("lists.tab_log"))
        self.setTabText(FILLS_TAB, tr("lists.tab_fills"))
        for view in (self._open_view, self._fills_view):  # one not built yet: at its build
            if view is not None:
                view.retranslate()
        self._recount()

    def _recount(self, *_args) -> None:
        self.setTabText(OPEN_TAB, tr("lists.tab_open", n=len(self.open_model.all_items())))

    # ---- fed by the session --------------------------------------------------------------

    def wire(self) -> None:
        """Listen to the session (the core's book is up to date whenever it tells)."""
        s = self.session
        # 미체결 follows the core's book, whatever moved it (a batch of the journal's
        # records, or a live event shown before the journal has it): one state for all.
        s.orders_changed.connect(self._book_changed)
        s.records_changed.connect(self._records_changed)
        s.history_loaded.connect(self._history_loaded)
        s.trade_day_changed.connect(self._trade_day_changed)
        s.state_changed.connect(self._state_changed)
        s.fills_seen.connect(self.add_fills)

    def _history_loaded(self, _records) -> None:
        self._reload_open()

    def _book_changed(self, records: list) -> None:
        self.open_model.sync(records)
        self._recount()  # an update in place can change what the count covers

    def _records_changed(self, records: list) -> None:
        view = self._fills_view  # not built: never loaded, it loads when first shown
        if view is not None and view.loaded and any(r.filled_qty for r in records):
            # Something filled: the fills in view are read again (one request a page),
            # those out of view when next shown.
            if self.currentIndex() == FILLS_TAB:
                view.load()
            else:
                view.loaded = False

    def _reload_open(self) -> None:
        self.open_model.reload()

    def _trade_day_changed(self, day: str) -> None:
        if day != self._day:
            first = self._day is None
            self._day = day
            self._reload_open()  # earlier days' orders are no longer open here
            if not first:
                self._forget_fills()
                if self.currentIndex() == FILLS_TAB:
                    self.fills_view.load()

    def _forget_fills(self) -> None:
        if self._fills_view is not None:
            self._fills_view.forget()
        else:  # its model is all there is to forget
            self.fills_model.set_fills([])

    def _state_changed(self, state: ConnectionState) -> None:
        if state is ConnectionState.CONNECTING:
            self._forget_fills()
        elif state is ConnectionState.CONNECTED and self.currentIndex() == FILLS_TAB:
            self.fills_view.load()

    def _tab_changed(self, index: int) -> None:
        if index == OPEN_TAB:
            self.open_view  # noqa: B018  (built as its tab first shows)
        elif index == FILLS_TAB:
            self.fills_view.load_if_needed()

    def add_fills(self, fills: list[Fill]) -> None:
        """Live fills (Kiwoom's 00 entries, parsed with Fill.from_realtime)."""
        self.fills_model.add(fills)

    def refresh(self) -> None:
        """F5: the fills again when their tab is in view (the orders refresh anyway)."""
        if self.currentIndex() == FILLS_TAB:
            self.fills_view.load()
