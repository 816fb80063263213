"""Texts about live order events the app refused (issue 22): one status line per order."""

from __future__ import annotations

from ..domain.text import Text
from .i18n import register

register({
    "stream.event_refused": Text(
        "실시간 주문 알림이 주문과 맞지 않아 무시했습니다: 거래소 기록으로 확인합니다 ({what})",
        "A live order event did not match its order and was ignored: checking the "
        "exchange's records ({what})"),
})
