"""Screenshots of the Modify/Cancel target card (issue 21), at 1280x720:
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tests/ui/make_target_screenshots.py [lang]
Writes docs/screenshots/target-modify[-en].png and target-cancel[-en].png: a sell of 10
partly modified (5 moved to a new order) and partly cancelled (3), selected in 미체결;
both tabs show it with the 2 shares the exchange still holds. Orders go to a throwaway
practice journal. (A file of its own: make_screenshots.py stays as it is.)
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
OUT = ROOT / "docs" / "screenshots"


async def shoot(lang: str) -> None:
    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.order_lists import OPEN_TAB
    from kiwoom_ticket.ui.self_test import AnswerYes, _send, _until

    window = build_window(dialogs=AnswerYes())
    language.set(lang)
    window.show()
    window.resize(1280, 720)
    await window.start()
    suffix = "" if lang == "ko" else "-en"

    async def settle() -> None:
        for _ in range(15):
            await asyncio.sleep(0.03)

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
    window.grab().save(str(OUT / f"target-modify{suffix}.png"))
    window.tabs.setCurrentWidget(cancel)
    cancel.quantity.setText("0")  # all that is open: the 2 shares
    await settle()
    window.grab().save(str(OUT / f"target-cancel{suffix}.png"))
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
