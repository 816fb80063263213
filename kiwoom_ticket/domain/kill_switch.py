"""The kill switch (긴급 정지): while engaged no new order and no watch leaves; cancels do.

After the KRX account kill switch that followed the 한맥투자증권 incident (2013): one
action stops everything that adds to the position, and it stays stopped (across restarts)
until the trader releases it by mouse. A daily limit crossed at its block tier engages it
with that limit as the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from .orders import Action
from .text import Text

ENGAGED_BY_HAND = Text("수동으로 긴급 정지함", "Engaged by hand")
TITLE_MARK = Text("긴급 정지", "KILL SWITCH")


class OrdersHalted(RuntimeError):
    """An order refused at the core's gate (the kill switch, a daily limit): `.text`
    says why, in the trader's language."""

    def __init__(self, text: Text) -> None:
        super().__init__(f"{text.ko} / {text.en}")
        self.text = text


@dataclass(frozen=True, slots=True)
class Halt:
    """Why and since when new orders are stopped."""

    reason: Text
    since: datetime
    limit: str = ""  # the daily limit's key when a limit engaged it; "" by hand

    def refusal(self) -> Text:
        """What a refused order says, next to its send button."""
        return (Text("긴급 정지 중: 새 주문과 정정은 보내지 않습니다 (취소는 됩니다) — ",
                     "Kill switch engaged: no new order or modify leaves (cancels do) — ")
                + self.reason)

    def to_json(self) -> str:
        return json.dumps({"ko": self.reason.ko, "en": self.reason.en,
                           "since": self.since.isoformat(), "limit": self.limit},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Halt | None:
        """The halt a journal kept, or None if it can't be read. An unreadable value
        still means "engaged": the caller decides (it keeps the switch on)."""
        try:
            data = json.loads(text)
            return cls(Text(str(data["ko"]), str(data["en"])),
                       datetime.fromisoformat(str(data["since"])), str(data.get("limit", "")))
        except (ValueError, KeyError, TypeError):
            return None


def blocks(halt: Halt | None, action: Action) -> bool:
    """Whether an order of `action` is refused: everything but a cancel, while engaged.
    A modify is refused too: it can move a price into the market (raise the exposure)."""
    return halt is not None and action is not Action.CANCEL
