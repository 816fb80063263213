"""Texts of the live stream (Kiwoom's WebSocket): the light in the environment bar, the
quote line's live note and the status lines about the stream."""

from __future__ import annotations

from ..domain.text import Text
from .i18n import register

register({
    "stream.live": Text("실시간", "Live"),
    "stream.live_tip": Text(
        "실시간 시세·체결을 받고 있습니다 (키움 웹소켓). 주문 상태가 곧바로 바뀝니다.",
        "Receiving live quotes and fills (Kiwoom's WebSocket): order states move at once."),
    "stream.connecting": Text("실시간 연결 중…", "Live: connecting…"),
    "stream.reconnecting": Text("실시간 재연결 중 ({time}부터)", "Live: reconnecting (since {time})"),
    "stream.down": Text("실시간 끊김 ({time}부터)", "Live: down (since {time})"),
    "stream.off": Text("실시간 없음", "No live feed"),
    "stream.fallback_tip": Text(
        "실시간이 끊긴 동안에는 주문 상태를 조회(폴링)로 갱신합니다. 다시 연결되면 빠진 것을 "
        "조회로 채운 뒤 실시간으로 돌아갑니다.",
        "While the live feed is down, order states are polled. Once it is back, what was "
        "missed is read from the exchange first, then the feed takes over."),
    "stream.kicked": Text(
        "다른 프로그램이 같은 앱키로 {env} 실시간에 접속해 이 앱의 실시간이 끊겼습니다. "
        "주문 상태는 조회로 갱신합니다",
        "Another program logged in to {env}'s live feed with this app key: live updates "
        "stopped here; order states are polled instead"),
    "stream.kicked_tip": Text(
        "키움은 앱키 하나에 실시간 접속 하나만 허용합니다(R10001). 다른 프로그램(영웅문, 다른 "
        "주문 프로그램, 이 앱의 다른 창)을 닫은 뒤 '연결'을 다시 누르세요.",
        "Kiwoom allows one live session per app key (R10001). Close the other program "
        "(the HTS, another trading tool, another copy of this app), then press Connect "
        "again."),
    "quote.live_volume": Text("거래량 {volume}", "Vol {volume}"),
})
