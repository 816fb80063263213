"""Screenshots of protection (issue 27), at 1280x720:
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_protect_screenshots.py [lang]
Writes docs/screenshots/watches[-en].png (the 감시 list: a stop-loss armed, a trailing stop,
a take-profit fired, a bracket's stop and its line), watch-dialog[-en].png, ladder-watches[-en].png (the 호가창 with a stop line and a bracket's
target and stop as one chain), bracket-log[-en].png (the same bracket as one chain in the
order log) and kill-switch[-en].png (engaged: the title,
the status bar's button, the refusal under the send button). Orders go to a throwaway
practice journal. (A file of its own: make_screenshots.py stays as it is.)
"""

from __future__ import annotations

from pathlib import Path

import screenshot_kit


async def shoot(lang: str, out: Path) -> None:
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.domain.watches import TriggerUnit, WatchKind
    from kiwoom_ticket.service import practice_exchange
    from kiwoom_ticket.ui.self_test import _until

    window, suffix = await screenshot_kit.open_window(lang)

    settle = screenshot_kit.settle

    sim = practice_exchange()
    await _until(lambda: window.account_panel.model.rowCount() > 0, "holdings")
    await _until(lambda: window.session.stream_live, "live stream")
    keeper = window.session.core.protection.watches
    holdings = [window.account_panel.model.holding(i)
                for i in range(window.account_panel.model.rowCount())]
    first = holdings[0]
    price = sim.market.price(first.code)
    await keeper.add(first.code, WatchKind.STOP_LOSS, TriggerUnit.PERCENT, 3, 1,
                     first.avg_price or price, stock_name=first.name)
    await keeper.add(first.code, WatchKind.TRAILING, TriggerUnit.TICKS, 5, 1, price,
                     limit_offset=2, stock_name=first.name)
    other = holdings[-1]
    other_price = sim.market.price(other.code)
    sim.market.freeze()
    await keeper.add(other.code, WatchKind.TAKE_PROFIT, TriggerUnit.PRICE,
                     step_ticks(other_price, 2), 1, other.avg_price or other_price,
                     stock_name=other.name)
    sim.market.set_price(other.code, step_ticks(other_price, 3))
    await _until(lambda: any(w.order_local_id for w in keeper.all()), "a watch fired")
    # A bracket on a buy: its target resting at the exchange, its stop a watch.
    from kiwoom_ticket.domain.exchange import Exchange
    from kiwoom_ticket.domain.orders import Action, NewOrder

    [buy, *_] = await window.session.place(NewOrder(Action.BUY, Exchange.KRX, "035420", 4, "3"),
                                           "NAVER")
    brackets = window.session.core.protection.brackets
    await _until(lambda: window.session.target.select(buy.local_id), "selected")
    await window.session.refresh(full=True)
    await brackets.add(buy, step_ticks(sim.market.price("035420"), 4), 3)
    await _until(lambda: bool(brackets.all()) and brackets.all()[0].covered, "bracket")
    sim.market.unfreeze()
    window.lists.setCurrentWidget(window.watch_panel)
    await settle()
    window.grab().save(str(out / f"watches{suffix}.png"))
    dialog = window.watch_panel.set_watch(first, window.tabs)
    await settle()
    dialog.grab().save(str(out / f"watch-dialog{suffix}.png"))
    dialog.reject()
    # The 호가창 of the bracket's stock: its target sell and stop as one chain, and a
    # stop-loss of its own further down.
    naver = sim.market.price("035420")
    await keeper.add("035420", WatchKind.STOP_LOSS, TriggerUnit.PRICE, step_ticks(naver, -7), 1,
                     naver, stock_name="NAVER")
    sim.market.freeze()
    window.buy_form.stock.setText("035420")
    view = window.ladder.view
    await _until(lambda: window.ladder.code == "035420" and not view.depth.empty
                 and len(view.chains) == 1, "the ladder")
    await settle()
    window.grab().save(str(out / f"ladder-watches{suffix}.png"))
    # The order log: the bracket's buy and its target sell, one chain (the sell selected).
    window.lists.setCurrentWidget(window.log_view)
    sell_row = window.model.row_of(brackets.all()[0].target_ids[0])
    if sell_row is not None:
        window.log_view.select_row(sell_row)
    await settle()
    window.grab().save(str(out / f"bracket-log{suffix}.png"))
    sim.market.unfreeze()
    window.kill_switch.engage()
    window.buy_form.stock.setText("005930")
    await _until(lambda: window.buy_form.current_price(), "quote")
    await settle()
    window.grab().save(str(out / f"kill-switch{suffix}.png"))
    await window.session.core.protection.release()
    window.shutdown()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
