"""What the live stream does to the window: the light in the environment bar, the
ticket's stock registered for trades and book, trades into the quote lines, 00 events
into the log at once, 04 into the account panel. Only wiring: the core decides."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject

from ..domain.market_depth import Depth
from ..domain.order_events import checked_step
from ..domain.records import OrderRecord
from .account_sync import AccountSync
from .env_bar import EnvBar
from .ladder_controller import LadderController
from .order_log_model import OrderLogModel
from .session import TradingSession
from .ticket_desk import TicketDesk


class LiveWiring(QObject):
    def __init__(self, session: TradingSession, desk: TicketDesk, model: OrderLogModel,
                 env_bar: EnvBar, account_sync: AccountSync, ladder: LadderController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.desk, self.model, self.ladder = session, desk, model, ladder
        session.stream_changed.connect(env_bar.show_stream)
        session.trades_changed.connect(self.trades)
        session.depth_changed.connect(self.depths)
        session.order_events.connect(self.order_events)
        session.balance_changed.connect(lambda _entries: account_sync.request())
        desk.currentChanged.connect(lambda _i: self.watch_stocks())
        for form in desk.forms:
            form.stock.textChanged.connect(lambda _t: self.watch_stocks())

    def watch_stocks(self) -> None:
        """Live trades and book of the stock in the ticket in view (REG 0B/0D; the last
        one is REMOVEd)."""
        form = self.desk.current_form()
        code = form.stock_code() if form is not None else ""
        self.session.watch({code} if len(code) == 6 else set())

    def trades(self, trades: dict) -> None:
        for form in self.desk.forms:
            trade = trades.get(form.stock_code())
            if trade is not None:
                form.live_trade(trade.price, trade.volume)
        trade = trades.get(self.ladder.code)
        if trade is not None:
            self.ladder.set_last_price(trade.code, trade.price)

    def depths(self, depths: dict) -> None:
        """The last 0D of the ladder's stock in a burst: one book, one repaint of what
        changed (0D snapshots replace each other)."""
        values = depths.get(self.ladder.code)
        if values is not None:
            self.ladder.set_depth(Depth.from_0d(self.ladder.code, values))

    def order_events(self, events: list) -> None:
        """A live fill shows at once: the log's row moves on from the event itself (the
        same pure step the journal takes, forward only), within a frame of arriving; the
        journal's write follows on the worker and its record replaces this one. Only an
        event of the row's own trading day that matches it (the journal's own check):
        a refused one must not show either."""
        now = datetime.now(UTC)
        moved: dict[str, OrderRecord] = {}
        for event in events:
            rec = moved.get(event.ord_no) or self.model.book.by_ord_no(event.ord_no)
            step = checked_step(rec, event, event.received or now) if rec is not None else None
            if step is not None:
                moved[event.ord_no] = step
        if moved:
            self.model.upsert(moved.values())
