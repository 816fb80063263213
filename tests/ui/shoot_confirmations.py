"""Screenshots of the modify and cancel confirmations over the window at 1280x720, as
the trader sees them (issue 21): docs/screenshots/confirm-{modify,cancel}[-en].png.

    .venv/bin/python tests/ui/shoot_confirmations.py [ko|en] [--out DIR]

Offscreen is enough: the question is a window of its own, so the picture is the
window's grab with the question's grab painted where it opens (centred on the window).
Orders go to a throwaway practice journal."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def composite(window, box):
    """The window at its size with the question painted where it opens."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    shot = window.grab()
    question = box.grab()
    at = QPoint((shot.width() - question.width()) // 2, (shot.height() - question.height()) // 2)
    painter = QPainter(shot)
    painter.drawPixmap(at, question)
    painter.end()
    return shot


async def shoot(lang: str, out: Path) -> None:
    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.self_test import _until

    language.set(lang)
    window = build_window()
    window.show()
    await window.start()
    # After the show's fit to the screen (offscreen's is 800 px wide): 1280x720, as the
    # trader's laptop, with the 호가창 unfolded.
    window.resize(1280, 720)
    await _until(window.ladder.panel.isVisible, "the ladder unfolded")
    suffix = "" if lang == "ko" else "-en"
    dialogs = window.dialogs

    async def answered(task, yes: bool):
        await _until(lambda: dialogs.armed, "the question armed")
        dialogs.answer(yes)
        return await task

    buy = window.buy_form
    buy.stock.setText("005930")
    await _until(lambda: buy.current_price(), "quote")
    cur = buy.current_price()
    buy.quantity.setText("10")
    buy.price.setText(str(step_ticks(cur, -10)))
    bought = (await buy.request_submit())[0]
    window.log_view.select_row(window.model.row_of(bought.local_id))

    modify = window.modify_form
    window.tabs.setCurrentWidget(modify)
    await _until(lambda: modify.current_price(), "quote")
    modify.price.setText(str(step_ticks(bought.price, -2)))
    modify.quantity.setText("6")
    asked = modify.request_submit()
    await _until(lambda: dialogs.armed, "modify confirmation")
    composite(window, dialogs.current).save(str(out / f"confirm-modify{suffix}.png"))
    await answered(asked, False)

    cancel = window.cancel_form
    window.tabs.setCurrentWidget(cancel)
    asked = cancel.request_submit()
    await _until(lambda: dialogs.armed, "cancel confirmation")
    composite(window, dialogs.current).save(str(out / f"confirm-cancel{suffix}.png"))
    await answered(asked, False)
    window.shutdown()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["KIWOOM_TICKET_HOME"] = tempfile.mkdtemp(prefix="kt-shots-")
    from kiwoom_ticket.app import create_app, run_on_qt_loop
    from kiwoom_ticket.service import stop_practice_exchange

    args.out.mkdir(parents=True, exist_ok=True)
    create_app([sys.argv[0]])
    try:
        run_on_qt_loop(shoot(args.lang, args.out))
    finally:
        stop_practice_exchange()


if __name__ == "__main__":
    main()
