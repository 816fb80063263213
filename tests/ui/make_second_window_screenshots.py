"""Screenshots of 창 → 새 주문창: the main window and a second ticket window on the same
core, one order placed from each, the order selected in the main window's 호가창 shown as
the target of the second's Cancel tab. The whole screen is grabbed (1280x720 under Xvfb):
    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python \\
        tests/ui/make_second_window_screenshots.py [ko|en] --out /tmp/shots
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
OUT = ROOT / "docs" / "screenshots"


async def shoot(lang: str, out: Path) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication

    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.self_test import AnswerYes, _send, _until

    window = build_window(dialogs=AnswerYes())
    language.set(lang)
    window.show()
    await window.start()
    suffix = "" if lang == "ko" else "-en"

    async def settle() -> None:
        for _ in range(15):
            await asyncio.sleep(0.03)

    async def buy_from(desk, ticks: int, qty: int):
        form = desk.buy_form
        desk.setCurrentWidget(form)
        form.stock.setText("005930")
        await _until(lambda: form.current_price(), "quote")
        form.quantity.setText(str(qty))
        form.price.setText(str(step_ticks(form.current_price(), -ticks)))
        return (await _send(form))[0]

    first = await buy_from(window.tabs, 3, 10)
    window.menus.new_ticket_action.trigger()
    second = window.ticket_windows[0]
    second.move(QPoint(560, 80))
    await buy_from(second.desk, 5, 4)
    await _until(lambda: len(second.ladder.view.orders) == 2, "badges")
    window.ladder.view.badge_clicked.emit(window.session.orders.get(first.local_id))
    second.desk.setCurrentWidget(second.desk.cancel_form)
    second.raise_()
    second.activateWindow()
    await settle()
    out.mkdir(parents=True, exist_ok=True)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(out / f"second-window{suffix}.png"))
    second.grab().save(str(out / f"second-window-only{suffix}.png"))
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ["KIWOOM_TICKET_HOME"] = tempfile.mkdtemp(prefix="kt-shots-")
    from kiwoom_ticket.app import create_app, run_on_qt_loop
    from kiwoom_ticket.service import stop_practice_exchange

    create_app([sys.argv[0]])
    try:
        run_on_qt_loop(shoot(args.lang, args.out))
    finally:
        stop_practice_exchange()


if __name__ == "__main__":
    main()
