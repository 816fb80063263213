"""Screenshots of a bracket on entry (issue 27), at 1280x720:
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python \
        tests/ui/make_bracket_entry_screenshots.py [ko|en] --out /tmp/shots-h1
Writes bracket-entry[-en].png (the Buy tab with its 브래킷 section open: target, stop, the
stop's kind and the estimate line), bracket-entry-confirm[-en].png (the order's question
with the bracket), bracket-entry-log[-en].png (the order log after the buy: the buy and
its target sell as one chain, their roles beside the status) and
bracket-entry-error[-en].png (a stop above the buy price, refused next to the field).
Orders go to a throwaway practice journal.
"""

from __future__ import annotations

from pathlib import Path

import screenshot_kit

CODE = "035420"


async def shoot(lang: str, out: Path) -> None:
    from kiwoom_ticket.domain.watches import TriggerUnit
    from kiwoom_ticket.service import practice_exchange
    from kiwoom_ticket.ui.self_test import _until

    window, suffix = await screenshot_kit.open_window(lang, answer_yes=False)

    settle = screenshot_kit.settle

    sim = practice_exchange()
    await _until(lambda: window.session.stream_live, "live stream")
    sim.market.freeze()
    form = window.buy_form
    window.tabs.setCurrentWidget(form)
    form.stock.setText(CODE)
    await _until(lambda: form.current_price(), "quote")
    form.trade_type.select("0")
    form.price.setText(str(sim.market.price(CODE)))
    form.quantity.setText("4")
    section = form.bracket
    section.set_open(True)
    section.target.unit.select(TriggerUnit.TICKS.value)
    section.target.amount.setText("10")
    section.stop.unit.select(TriggerUnit.PERCENT.value)
    section.stop.amount.setText("2")
    await settle()
    window.grab().save(str(out / f"bracket-entry{suffix}.png"))

    # A stop above the buy price: said next to the field, nothing sent.
    section.stop.unit.select(TriggerUnit.PRICE.value)
    section.stop.amount.setText(str(sim.market.price(CODE) + 5000))
    task = form.request_submit()
    await _until(lambda: task is None or task.done(), "refused")
    await settle()
    window.grab().save(str(out / f"bracket-entry-error{suffix}.png"))
    section.stop.unit.select(TriggerUnit.PERCENT.value)
    section.stop.amount.setText("2")

    task = form.request_submit()
    await _until(lambda: window.dialogs.armed, "the question")
    await settle()
    window.dialogs.current.grab().save(str(out / f"bracket-entry-confirm{suffix}.png"))
    window.dialogs.answer(True)
    await _until(task.done, "the buy")
    brackets = window.session.core.protection.brackets
    await window.session.refresh(full=True)
    await _until(lambda: bool(brackets.all()) and brackets.all()[0].target_ids, "the target")
    window.lists.setCurrentWidget(window.log_view)
    sell_row = window.model.row_of(brackets.all()[0].target_ids[0])
    if sell_row is not None:
        window.log_view.select_row(sell_row)
    await settle()
    window.grab().save(str(out / f"bracket-entry-log{suffix}.png"))
    sim.market.unfreeze()
    window.shutdown()


if __name__ == "__main__":
    screenshot_kit.main(shoot)
