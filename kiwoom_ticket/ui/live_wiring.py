"""What the live stream does to one ticket window: the ticket's stock registered for
trades and book, trades into the quote lines and the ladder's last price, the book into
the ladder. (00 events move the core's book itself: every view follows it; the stream's
light and 04 are the main window's.) Only wiring: the core decides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..domain.market_depth import Depth
from .ladder_controller import LadderController
from .subscriptions import Subscriptions
from .ticket_desk import TicketDesk

if TYPE_CHECKING:
    from .app_core import AppCore


class LiveWiring(QObject):
    def __init__(self, core: AppCore, desk: TicketDesk, ladder: LadderController,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        session = core.session
        self.session, self.desk, self.ladder = session, desk, ladder
        self._links = Subscriptions()
        self._links.connect(session.trades_changed, self.trades)
        self._links.connect(session.depth_changed, self.depths)
        desk.currentChanged.connect(self._stock_changed)
        desk.each_form(lambda form: form.stock.textChanged.connect(self._stock_changed))

    def stop(self) -> None:
        """The window is closing: its stocks are no longer watched for it."""
        self._links.close()
        self.session.watch(set(), owner=self)

    def _stock_changed(self, *_args: object) -> None:
        self.watch_stocks()

    def watch_stocks(self) -> None:
        """Live trades and book of the stock in the ticket in view (REG 0B/0D; the last
        one is REMOVEd). Each window's stock is watched (the bridge joins them)."""
        form = self.desk.current_form()
        code = form.stock_code() if form is not None else ""
        self.session.watch({code} if len(code) == 6 else set(), owner=self)

    def trades(self, trades: dict) -> None:
        for form in self.desk.built_forms:
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
