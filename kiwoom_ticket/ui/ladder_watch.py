"""A new watch from the 호가창: a right click on a level (ui/ladder.py `menu_requested`,
with the price painted under the press) offers "이 가격에 손절 감시…" below the last
trade or "이 가격에 익절 감시…" above it, saying the price; it opens the watch question
(ui/watch_dialog.py: armed, by mouse) filled in with that price and what can be sold now.

What can be sold now is the holding's 매도가능, and never more than the shares held minus
the open sells the ladder shows (the account's figure may be a poll behind a sell just
placed). Refused, with the reason under the ladder and in the status line: no holding,
nothing sellable, the level at or through the last trade (the next trade would fire it),
checked when the menu opens, when its item is chosen and again when the question is
answered (the book moves meanwhile). The watch itself is the core's (service/
watch_keeper.py); 28 at the exchange goes to the Sell tab, checked and confirmed there.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

from ..domain.ladder_marks import MarkKind, new_watch_kind, side_refusal
from ..domain.orders import Action
from ..domain.text import Text
from ..domain.watches import WatchKind
from ..service.account import Holding
from ..service.status import Severity, StatusChannel
from .i18n import both, pick, tr
from .ladder import LadderView
from .ladder_panel import LadderPanel
from .ladder_tools import LadderTools
from .session_bridge import SessionBridge
from .tasks import TaskRunner
from .ticket_desk import TicketDesk
from .watch_dialog import WatchDialog

_WATCH_KIND = {MarkKind.STOP: WatchKind.STOP_LOSS, MarkKind.TARGET: WatchKind.TAKE_PROFIT}
_MARK_KIND = {w: m for m, w in _WATCH_KIND.items()}
_ITEM = {MarkKind.STOP: ("ladder.watch_stop", "watchStop"),
         MarkKind.TARGET: ("ladder.watch_target", "watchTarget")}


class LadderWatchSetter(QObject):
    def __init__(self, panel: LadderPanel, tools: LadderTools, session: SessionBridge,
                 desk: TicketDesk, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel, self.tools = panel, tools
        self.view: LadderView = panel.view
        self.session, self.desk, self.runner = session, desk, runner
        self.status: StatusChannel = runner.status
        self.keeper = session.core.protection.watches
        self.last_menu: QMenu | None = None  # the last right click's menu (tests look)
        self.dialog: WatchDialog | None = None  # the question open now
        self.add_task: asyncio.Task | None = None

    # ---- what can be watched -------------------------------------------------------------

    def sellable_now(self) -> int:
        """매도가능 of the ladder's stock, capped by the shares held minus the open sells
        the ladder shows; 0 when not held."""
        position = self.tools.position()
        if position is None:
            return 0
        selling = sum(o.open_qty for o in self.view.orders if o.side is Action.SELL)
        return max(0, min(position.sellable, position.quantity - selling))

    def refusal(self, kind: MarkKind, price: int) -> Text | None:
        """Why a `kind` watch can't start at `price` now (None: it can)."""
        if self.tools.position() is None:
            return both("ladder.watch_not_held")
        if self.sellable_now() <= 0:
            return both("ladder.watch_none_sellable")
        last = self.view.last_price
        if not last:
            return both("ladder.watch_no_last")
        return side_refusal(kind, price, last)

    # ---- the menu ------------------------------------------------------------------------

    def menu(self, price: int, at: QPoint) -> QMenu | None:
        """The level's menu: the watch that can start there, or why none can."""
        if not self.tools.code:
            return None
        m = QMenu(self.view)
        m.setObjectName("ladderMenu")
        last = self.view.last_price
        kind = new_watch_kind(price, last)
        if kind is None:
            key = "ladder.watch_at_last" if last else "ladder.watch_no_last"
            item = m.addAction(tr(key, price=f"{price:,}"))
            item.setObjectName("watchNone")
            item.setEnabled(False)
        else:
            key, name = _ITEM[kind]
            item = m.addAction(tr(key, price=f"{price:,}"))
            item.setObjectName(name)
            item.triggered.connect(lambda _c=False, k=kind, p=price: self.ask(k, p))
            why = self.refusal(kind, price)
            item.setEnabled(why is None)
            said = pick(why) if why is not None else tr("ladder.watch_sellable",
                                                       n=f"{self.sellable_now():,}")
            info = m.addAction("ⓘ " + said)
            info.setObjectName("watchWhy")
            info.setEnabled(False)
        m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_menu = m
        m.popup(at)
        return m

    # ---- the question --------------------------------------------------------------------

    def ask(self, kind: MarkKind, price: int) -> WatchDialog | None:
        """The watch question filled in for a `kind` watch at `price` (refused, said, when
        it can't be set there now)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return None
        why = self.refusal(kind, price)
        position = self.tools.position()
        last = self.view.last_price
        if why is not None or position is None or not last:
            self._refuse(why or both("ladder.watch_not_held"))
            return None
        code = self.tools.code
        held = self._holding_name(code)
        can = self.sellable_now()
        holding = Holding(code, held, position.quantity, can, position.avg_price, last,
                          position.profit, position.profit_rate)
        dialog = WatchDialog(holding, last, self.view.window(), kind=_WATCH_KIND[kind],
                             trigger=price, most=can,
                             origin=tr("ladder.watch_origin", kind=pick(kind.tag),
                                       price=f"{price:,}"))
        dialog.finished.connect(lambda ok: self._finished(dialog, holding, ok))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _holding_name(self, code: str) -> str:
        account = self.session.account
        for h in account.holdings if account is not None else ():
            if h.code == code and h.name:
                return h.name
        form = self.desk.current_form()
        return (form.stock_name() if form is not None and form.stock_code() == code
                else "") or code

    def _finished(self, dialog: WatchDialog, holding: Holding, ok: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()  # one question, answered: it goes
        if ok:
            self._answered(dialog, holding)

    def _answered(self, dialog: WatchDialog, holding: Holding) -> None:
        choice = dialog.choice
        if choice is None:
            return
        if self.tools.code != holding.code:
            self._refuse(both("ladder.watch_other_stock"))
            return
        mark = _MARK_KIND.get(choice.kind)
        trigger = dialog.draft().trigger
        # The book moved while it asked: where the next trade would fire it, it is not set.
        why = self.refusal(mark, trigger) if mark is not None else None
        if why is not None:
            self._refuse(why)
            return
        if choice.to_sell_tab(self.desk):
            return

        async def add() -> None:
            await choice.arm(self.keeper, holding, self.status)
            self.panel.say("")

        self.add_task = self.runner.run(add(), what="a watch from the ladder",
                                        on_error=self._failed)

    def _refuse(self, why: Text) -> None:
        self.panel.say(pick(why))
        self.status.post(why, severity=Severity.WARNING)

    def _failed(self, exc: BaseException) -> None:
        self.status.post(both("status.worker_error") + f": {exc}", severity=Severity.WARNING)

    def stop(self) -> None:
        """The window is closing: its question goes with it."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        # A watch being saved is the core's, which outlives this window: it finishes.
