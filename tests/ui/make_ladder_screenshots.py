"""Screenshots of the 호가창: held still under the pointer while the book moved (▲ the
best price above the rows, emptied levels, the amber header and frame), and a stop
order's badge with its tooltip.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_ladder_screenshots.py [lang]

Writes docs/screenshots/ladder-locked[-en].png and ladder-stop[-en].png (or --out).
Orders go to a throwaway practice journal; the practice market is moved by hand.
"""

from __future__ import annotations

from pathlib import Path

import screenshot_kit

CODE = "005930"


async def shoot(lang: str, out: Path) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QToolTip

    from kiwoom_ticket.domain.orders import Action
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.service import practice_exchange
    from kiwoom_ticket.ui.self_test import _send, _until

    window, suffix = await screenshot_kit.open_window(lang)
    market = practice_exchange().market
    market.freeze()  # only this script moves the prices

    settle = screenshot_kit.settle

    view = window.ladder.view
    buy, sell = window.buy_form, window.sell_form
    buy.stock.setText(CODE)
    await _until(lambda: buy.current_price(), "quote")
    await _until(lambda: not view.depth.empty and view.depth.code == CODE, "order book")
    cur = buy.current_price()
    # Two buys of 5 at one price (one badge: 10·2), a bigger one lower, a resting sell.
    for qty, ticks in ((5, -3), (5, -3), (300, -6)):
        buy.quantity.setText(str(qty))
        buy.price.setText(str(step_ticks(cur, ticks)))
        await _send(buy)
    sell.stock.setText(CODE)
    await _until(lambda: sell.current_price(), "quote")
    sell.quantity.setText("3")
    sell.price.setText(str(step_ticks(cur, 5)))
    await _send(sell)
    # A stop buy (스톱지정가): stop 3 ticks up, limit 5 ticks up.
    window.tabs.setCurrentWidget(buy)
    buy.trade_type.select("28")
    buy.quantity.setText("7")
    stop, limit = step_ticks(cur, 3), step_ticks(cur, 5)
    buy.price.setText(str(limit))
    buy.stop_price.setText(str(stop))
    await _send(buy)
    buy.trade_type.select("0")
    buy.stop_price.clear()
    buy.quantity.setText("1")
    buy.price.setText(str(step_ticks(cur, -2)))
    await _until(lambda: any(r.buy and r.buy.is_stop for r in view.painted_rows), "stop badge")
    await settle(20)

    # The stop badge and its tooltip (a window of its own: the screen is grabbed).
    rect = view.badge_rect(stop, Action.BUY)
    at = view.mapToGlobal(rect.center())
    index = view.row_at(rect.center().y())
    QTest.mouseMove(window.windowHandle(), view.mapTo(window, rect.center()))
    QToolTip.showText(at, view.badge_tip(view.painted_rows[index].buy.record, index), view)
    await settle(20)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"ladder-stop{suffix}.png"))
    QToolTip.hideText()

    # Held still under the pointer while the book moves up past the top row.
    aim = view.level_rect(step_ticks(cur, -1))
    QTest.mouseMove(window.windowHandle(), view.mapTo(window, aim.center()))
    await _until(lambda: view.held, "held")
    before = view.depth.bids[0].price
    market.set_price(CODE, step_ticks(cur, 12))
    await _until(lambda: view.depth.bids[0].price != before, "the book to move")
    await settle(20)
    window.grab().save(str(out / f"ladder-locked{suffix}.png"))
    market.unfreeze()
    window.shutdown()
    window.close()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
