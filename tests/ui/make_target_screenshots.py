"""Screenshots of the Modify/Cancel target card (issue 21), at 1280x720:
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_target_screenshots.py [lang]
Writes docs/screenshots/target-modify[-en].png and target-cancel[-en].png: a sell of 10
partly modified (5 moved to a new order) and partly cancelled (3), selected in 미체결;
both tabs show it with the 2 shares the exchange still holds. Orders go to a throwaway
practice journal. (A file of its own: make_screenshots.py stays as it is.)
"""

from __future__ import annotations

from pathlib import Path

import screenshot_kit


async def shoot(lang: str, out: Path) -> None:
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.order_lists import OPEN_TAB
    from kiwoom_ticket.ui.self_test import _send, _until

    window, suffix = await screenshot_kit.open_window(lang)

    settle = screenshot_kit.settle

    sell = window.sell_form
    sell.stock.setText("005930")
    await _until(lambda: sell.current_price(), "quote")
    price = step_ticks(sell.current_price(), 8)
    sell.quantity.setText("10")
    sell.price.setText(str(price))
    original = (await _send(sell))[0]
    window.lists.setCurrentIndex(OPEN_TAB)
    modify, cancel = window.modify_form, window.cancel_form
    window.session.select_order(original.local_id)
    window.tabs.setCurrentWidget(modify)
    await _until(lambda: modify.current_price(), "quote")
    modify.quantity.setText("5")
    modify.price.setText(str(step_ticks(price, 2)))
    await _send(modify)
    window.session.select_order(original.local_id)
    cancel.quantity.setText("3")
    await _send(cancel)
    # Selected in 미체결, as a trader would: both tabs take it.
    view = window.lists.open_view
    await _until(lambda: view.model.row_of_key(original.local_id) is not None, "open row")
    view.table.selectRow(view.model.row_of_key(original.local_id))
    window.tabs.setCurrentWidget(modify)
    modify.price.setText(str(step_ticks(price, 1)))
    await settle()
    window.grab().save(str(out / f"target-modify{suffix}.png"))
    window.tabs.setCurrentWidget(cancel)
    cancel.quantity.setText("0")  # all that is open: the 2 shares
    await settle()
    window.grab().save(str(out / f"target-cancel{suffix}.png"))
    window.shutdown()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
