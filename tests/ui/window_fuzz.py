"""A seeded random run of the real window with real key and mouse events, and its oracle.

The run: bursts of Enter, Enter held down (auto-repeat), clicks on the send button,
one-click double-clicks on the 호가창 while the book moves, × clicks on badges, modifies
from the log, tab switches, selections in the lists, and every question answered by
mouse or key, refused, or pressed at before it was armed.

The oracle: every order request the practice exchange received is one the window put in
its log, and each matches exactly one deliberate action the window showed: a ticket as it
stood when its key or click came (a send that asked nothing), or a question answered yes
(its text names the order). An action matches at most one order, so an order that arrived
twice, or that no action showed, is a finding. A key pressed at a question before it was
armed must leave it open.

Used by tests/ui/test_window_fuzz.py (a short run) and bench/gui_fuzz.py (long runs).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from kiwoom_ticket.domain.orders import Action
from kiwoom_ticket.domain.records import OrderRecord
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.ui.order_log_model import Column

from .ladder_helpers import click_at, double_click_at, pointer_away, pointer_to

STOCK = "005930"
ORDER_APIS = ("kt10000", "kt10001", "kt10002", "kt10003")


@dataclass
class Act:
    """One deliberate action the window showed: a ticket sent without a question (what
    its fields showed at the key or click), or a question answered yes (its text)."""

    kind: str
    action: Action | None = None
    qty: int = 0
    price: int | None = None
    text: str = ""

    def matches(self, rec: OrderRecord) -> bool:
        if self.kind == "yes":
            if rec.action.is_new:
                # The question's first line, in the UI's one language (ui/order_text.py):
                # '매수 005930 삼성전자 10주 @ 70,000 …' / 'Buy 005930 … 10 shares @ 70,000 …'
                qty = (r"(전량|all)" if rec.quantity == 0
                       else rf"{rec.quantity:,}(주| shares?)")
                at = rf" @ {rec.price:,}" if rec.price else ""
                said = "|".join((rec.action.label.ko, rec.action.label.en))
                return re.search(rf"(^|>)({said}) {rec.stock_code} [^\n]*?(?<![\d,]){qty}{at} ",
                                 self.text) is not None
            return f"{rec.orig_ord_no}" in self.text and rec.action.label.ko in self.text
        return (rec.action is self.action and rec.quantity == self.qty
                and rec.price == self.price)


@dataclass
class Run:
    seed: int
    steps: int = 0
    acts: list[Act] = field(default_factory=list)
    questions: int = 0
    early_keys: int = 0  # keys pressed at a question before it was armed (all ignored)
    findings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _key(widget, kind: QEvent.Type, autorepeat: bool = False,
         key: Qt.Key = Qt.Key.Key_Return) -> None:
    text = "\r" if key == Qt.Key.Key_Return else ""
    QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                             text, autorepeat))


class WindowFuzz:
    def __init__(self, window, qtbot, sim, seed: int) -> None:
        self.w, self.qtbot, self.sim = window, qtbot, sim
        self.rng = random.Random(seed)
        self.run = Run(seed)
        self.received_before = {a: sim.received(a) for a in ORDER_APIS}
        self.known = {r.local_id for r in window.model.records()}  # an earlier run's

    # ---- where keys go ------------------------------------------------------------------

    def focused(self):
        """Where a key goes: the open question (it is modal), else the window's focused
        widget (the offscreen platform may not make the window the active one)."""
        box = self.w.dialogs.current
        if box is not None:
            return box.focusWidget() or box
        return self.w.focusWidget() or QApplication.focusWidget() or self.w.buy_form.quantity

    def settle(self) -> None:
        """Until every tab is idle or a question is open (nothing is sleeping)."""
        forms = self.w.tabs.forms
        self.qtbot.waitUntil(lambda: self.w.dialogs.current is not None
                             or not any(f.busy for f in forms), timeout=30_000)

    # ---- the ticket ---------------------------------------------------------------------

    def setup(self) -> None:
        w = self.w
        if w.width() < 1280:
            w.resize(1280, 720)
        self.qtbot.waitUntil(w.ladder.panel.isVisible)
        for form in (w.buy_form, w.sell_form):
            w.tabs.setCurrentWidget(form)
            form.stock.setText(STOCK)
            self.qtbot.waitUntil(lambda f=form: f.current_price() is not None, timeout=10_000)
        w.tabs.setCurrentWidget(w.buy_form)
        view = w.ladder.view
        self.qtbot.waitUntil(lambda: w.ladder.code == STOCK and not view.depth.empty,
                             timeout=10_000)
        if not w.ladder.one_click:
            w.ladder.panel.one_click.click()  # practice: on without a question
        self.fill_ticket(w.buy_form)

    def fill_ticket(self, form) -> None:
        """A small limit order a few ticks from the market (it rests, mostly)."""
        current = form.current_price() or 70_000
        away = self.rng.randint(2, 8) * (-1 if form.action is Action.BUY else 1)
        form.quantity.setText(str(self.rng.randint(1, 3)))
        form.price.setText(str(step_ticks(current, away)))

    def ticket_act(self, form, kind: str) -> Act | None:
        """What `form` shows now, as the act a key or click on it is."""
        if not form.action.is_new:
            return None
        try:
            qty, price = int(form.quantity.text().replace(",", "")), int(
                form.price.text().replace(",", ""))
        except ValueError:
            return None
        return Act(kind, form.action, qty, price)

    def new_order_form(self):
        form = self.w.tabs.current_form()
        if form is None or not form.action.is_new:
            form = self.rng.choice((self.w.buy_form, self.w.sell_form))
            self.w.tabs.setCurrentWidget(form)
        if self.rng.random() < 0.4:
            self.fill_ticket(form)
        form.quantity.setFocus()
        return form

    # ---- actions ------------------------------------------------------------------------

    def enter_burst(self) -> None:
        form = self.new_order_form()
        act = self.ticket_act(form, "enter burst")
        for _ in range(self.rng.randint(1, 5)):
            QTest.keyClick(self.focused(), Qt.Key.Key_Return)
            self.qtbot.wait(self.rng.randint(15, 60))
        self._acted(act)

    def hold_enter(self) -> None:
        form = self.new_order_form()
        act = self.ticket_act(form, "held Enter")
        target = self.focused()
        _key(target, QEvent.Type.KeyPress)
        for _ in range(self.rng.randint(3, 15)):
            _key(self.focused(), QEvent.Type.KeyPress, autorepeat=True)
            _key(self.focused(), QEvent.Type.KeyRelease, autorepeat=True)
            self.qtbot.wait(30)
        _key(self.focused(), QEvent.Type.KeyRelease)
        self._acted(act)

    def click_send(self) -> None:
        form = self.new_order_form()
        if not form.submit_button.isEnabled():
            return
        act = self.ticket_act(form, "send button")
        self.qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
        self._acted(act)

    def one_click(self) -> None:
        """A double-click on a price, through the window (the pointer is over the
        ladder first, as a hand's is): the act is the price painted under it."""
        form = self.new_order_form()
        view = self.w.ladder.view
        rows = [r for r in view.painted_rows if r.price]
        if not rows:
            return
        rect = view.level_rect(self.rng.choice(rows).price)
        if rect is None:
            return
        point = rect.center()
        pointer_to(self.w, view, point)
        index = view.row_at(point.y())
        painted = view.painted_rows[index].price if index is not None else None
        act = None
        if painted and form.takes_price():
            act = Act("one-click", form.action, self._qty(form), painted)
        double_click_at(self.w, view, point)
        if self.rng.random() < 0.5:
            pointer_away(self.w)  # the ladder re-centres: the book moves under the next
        self._acted(act)

    def click_x(self) -> None:
        view = self.w.ladder.view
        badges = [(o.price, o.side) for o in view.orders]
        if not badges:
            return
        price, side = self.rng.choice(badges)
        rect = view.close_rect(price, side)
        if rect is None:
            return
        pointer_to(self.w, view, rect.center())
        click_at(self.w, view, rect.center())
        self._acted(None)

    def modify_from_log(self) -> None:
        rows = [i for i, r in enumerate(self.w.model.records())
                if r.ord_no and r.status.is_open]
        if not rows:
            return
        self.select_row(self.rng.choice(rows))
        form = self.w.modify_form
        self.w.tabs.setCurrentWidget(form)
        price = form.price.text().replace(",", "")
        if price.isdigit():
            form.price.setText(str(step_ticks(int(price), self.rng.choice((-2, -1, 1, 2)))))
        form.price.setFocus()
        QTest.keyClick(self.focused(), Qt.Key.Key_Return)
        self._acted(None)

    def select_row(self, row: int | None = None) -> None:
        table = self.w.log_view.table
        count = self.w.model.rowCount()
        if not count:
            return
        row = self.rng.randrange(count) if row is None else row
        table.scrollTo(self.w.model.index(row, 0))
        rect = table.visualRect(self.w.model.index(row, int(Column.STOCK)))
        if rect.isValid():
            self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def switch_tab(self) -> None:
        bar = self.w.tabs.tabBar()
        index = self.rng.randrange(bar.count())
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())

    def answer(self) -> None:
        """Whatever question is open: keys before it is armed (ignored), then yes or no by
        mouse, Esc, or Enter (which only some questions take)."""
        dialogs = self.w.dialogs
        box: QMessageBox | None = dialogs.current
        if box is None:
            return
        self.run.questions += 1
        text = box.text()
        clicked: list[QMessageBox.ButtonRole] = []
        box.buttonClicked.connect(lambda b: clicked.append(box.buttonRole(b)))
        if not dialogs.keys_armed and self.rng.random() < 0.5:
            QTest.keyClick(self.focused(), self.rng.choice(
                (Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape)))
            self.run.early_keys += 1
            if clicked or not box.isVisible():
                self.run.findings.append(f"a key answered a question before it was armed: "
                                         f"{text[:80]!r}")
                return
        how = self.rng.choice(("mouse yes", "mouse no", "mouse yes", "esc", "enter"))
        if how.startswith("mouse"):
            self.qtbot.waitUntil(lambda: dialogs.armed, timeout=10_000)
            role = (QMessageBox.ButtonRole.YesRole if how == "mouse yes"
                    else QMessageBox.ButtonRole.NoRole)
            button = next(b for b in box.buttons() if box.buttonRole(b) is role)
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.waitUntil(lambda: dialogs.keys_armed, timeout=10_000)
            QTest.keyClick(self.focused(), Qt.Key.Key_Escape if how == "esc"
                           else Qt.Key.Key_Return)
        if not clicked and box.isVisible():  # a question Enter can't answer: no, by mouse
            self.qtbot.waitUntil(lambda: dialogs.armed, timeout=10_000)
            button = next(b for b in box.buttons()
                          if box.buttonRole(b) is QMessageBox.ButtonRole.NoRole)
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: dialogs.current is not box, timeout=10_000)
        if QMessageBox.ButtonRole.YesRole in clicked:
            self._acted(Act("yes", text=text))

    # ---- bookkeeping --------------------------------------------------------------------

    def _qty(self, form) -> int:
        try:
            return int(form.quantity.text().replace(",", ""))
        except ValueError:
            return 0

    def _acted(self, act: Act | None) -> None:
        if act is not None:
            self.run.acts.append(act)
        self.run.counts[act.kind if act else "gesture"] = self.run.counts.get(
            act.kind if act else "gesture", 0) + 1

    ACTIONS = (("enter_burst", 5), ("hold_enter", 2), ("click_send", 2), ("one_click", 4),
               ("click_x", 2), ("modify_from_log", 2), ("select_row", 2), ("switch_tab", 2))

    def step(self) -> None:
        if self.w.dialogs.current is not None:
            self.answer()
        else:
            names = [n for n, _ in self.ACTIONS]
            weights = [wt for _, wt in self.ACTIONS]
            getattr(self, self.rng.choices(names, weights)[0])()
        self.settle()
        self.run.steps += 1

    def finish(self) -> Run:
        """Answer what is still asked, let every send end, and check the oracle."""
        for _ in range(10):
            if self.w.dialogs.current is None:
                break
            self.answer()
            self.settle()
        self.qtbot.waitUntil(lambda: not any(f.busy for f in self.w.tabs.forms)
                             and self.w.dialogs.current is None, timeout=30_000)
        self.check()
        return self.run

    def check(self) -> None:
        received = sum(self.sim.received(a) - self.received_before[a] for a in ORDER_APIS)
        sent = [r for r in self.w.model.records()
                if not r.outside and r.local_id not in self.known]
        if received != len(sent):
            self.run.findings.append(
                f"the exchange received {received} order requests, the log holds {len(sent)}")
        # Each order request to one act that showed it, each act used once (Kuhn's
        # augmenting paths: an order may fit several acts).
        owner: dict[int, int] = {}

        def place(i: int, seen: set[int]) -> bool:
            for j, act in enumerate(self.run.acts):
                if j in seen or not act.matches(sent[i]):
                    continue
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
            return False

        for i, rec in enumerate(sent):
            if not place(i, set()):
                self.run.findings.append(
                    f"no deliberate action showed {rec.action.name} {rec.stock_code} "
                    f"{rec.quantity} @ {rec.price} (orig {rec.orig_ord_no}, "
                    f"{rec.status.name}): it arrived twice or unasked")


def fuzz(window, qtbot, sim, seed: int, steps: int) -> Run:
    f = WindowFuzz(window, qtbot, sim, seed)
    f.setup()
    for _ in range(steps):
        f.step()
    return f.finish()

