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

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = Path("/tmp/shots-h1")
CODE = "035420"


async def shoot(lang: str) -> None:
    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.domain.watches import TriggerUnit
    from kiwoom_ticket.service import practice_exchange
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.self_test import _until

    window = build_window()
    language.set(lang)
    window.show()
    window.resize(1280, 720)
    await window.start()
    suffix = "" if lang == "ko" else "-en"

    async def settle() -> None:
        for _ in range(15):
            await asyncio.sleep(0.03)

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
    window.grab().save(str(OUT / f"bracket-entry{suffix}.png"))

    # A stop above the buy price: said next to the field, nothing sent.
    section.stop.unit.select(TriggerUnit.PRICE.value)
    section.stop.amount.setText(str(sim.market.price(CODE) + 5000))
    task = form.request_submit()
    await _until(lambda: task is None or task.done(), "refused")
    await settle()
    window.grab().save(str(OUT / f"bracket-entry-error{suffix}.png"))
    section.stop.unit.select(TriggerUnit.PERCENT.value)
    section.stop.amount.setText("2")

    task = form.request_submit()
    await _until(lambda: window.dialogs.armed, "the question")
    await settle()
    window.dialogs.current.grab().save(str(OUT / f"bracket-entry-confirm{suffix}.png"))
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
    window.grab().save(str(OUT / f"bracket-entry-log{suffix}.png"))
    sim.market.unfreeze()
    window.shutdown()


def main() -> None:
    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    OUT = args.out
    os.environ["KIWOOM_TICKET_HOME"] = tempfile.mkdtemp(prefix="kt-shots-")
    from kiwoom_ticket.app import create_app, run_on_qt_loop
    from kiwoom_ticket.service import stop_practice_exchange

    OUT.mkdir(parents=True, exist_ok=True)
    create_app([sys.argv[0]])
    try:
        run_on_qt_loop(shoot(args.lang))
    finally:
        stop_practice_exchange()


if __name__ == "__main__":
    main()
