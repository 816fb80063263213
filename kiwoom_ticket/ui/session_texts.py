"""The session clock's texts for the environment bar (registered at import)."""

from __future__ import annotations

from ..domain.text import Text
from .i18n import register

register({
    "market.holiday": Text("KST {time} · 휴장일 ({name})", "KST {time} · market holiday ({name})"),
    "market.tip_calendar": Text(
        "KRX·NXT 거래시간과 KRX 휴장일 기준 (매매시간이 바뀌는 날은 반영하지 않음)",
        "From KRX and NXT trading hours and KRX holidays (days with changed hours, "
        "such as a late opening, not included)"),
})
