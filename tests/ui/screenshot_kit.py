"""What the screenshot scripts share: the command line (`[lang] [--out DIR]`), a throwaway
data folder, the window opened as the trader sees it at 1280x720, and the practice
exchange stopped afterwards. Each script only says what to put on screen and save."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs" / "screenshots"


async def settle(turns: int = 15) -> None:
    """A few turns of the loop for replies, repaints and relayouts to land before a grab."""
    for _ in range(turns):
        await asyncio.sleep(0.03)


async def open_window(lang: str, answer_yes: bool = True, size: bool = True):
    """The main window in `lang`, shown, started: (window, file-name suffix). With
    `answer_yes` every question is answered yes (the scripts' orders go without asking)."""
    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.ui.i18n import language
    from kiwoom_ticket.ui.self_test import AnswerYes

    window = build_window(dialogs=AnswerYes()) if answer_yes else build_window()
    language.set(lang)
    window.show()
    if size:
        window.resize(1280, 720)
        window.move(0, 0)
    await window.start()
    return window, "" if lang == "ko" else "-en"


def main(shoot: Callable[[str, Path], Awaitable[None]], out: Path = DOCS) -> None:
    """`shoot(lang, out)` on the app's own loop, against a practice exchange of its own."""
    parser = argparse.ArgumentParser()
    parser.add_argument("lang", nargs="?", default="ko", choices=("ko", "en"))
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args()
    os.environ["KIWOOM_TICKET_HOME"] = tempfile.mkdtemp(prefix="kt-shots-")
    from kiwoom_ticket.app import create_app, run_on_qt_loop
    from kiwoom_ticket.service import stop_practice_exchange

    args.out.mkdir(parents=True, exist_ok=True)
    create_app([sys.argv[0]])
    try:
        run_on_qt_loop(shoot(args.lang, args.out))
    finally:
        stop_practice_exchange()
