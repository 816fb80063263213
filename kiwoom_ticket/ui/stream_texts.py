"""Texts of the live stream (Kiwoom's WebSocket): the light in the environment bar, the
quote line's live note and the status lines about the stream."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.text import Text
from .i18n import CATALOGUE, register, tr, tr_other

if TYPE_CHECKING:
    from ..service.app_stream import StreamStatus

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
    "stream.token_taken": Text(
        "다른 프로그램이 같은 앱키로 {env} 토큰을 새로 받아 이 앱은 멈췄습니다. 되찾으려면 "
        "로그아웃 후 다시 연결하세요",
        "Another program took this app key's token for {env}; this app stopped rather than "
        "take it back. Log out and connect again to take it back"),
    "stream.token_taken_tip": Text(
        "키움은 앱키 하나에 토큰 하나만 유지합니다. 두 프로그램이 서로 새 토큰을 받으면 서로의 "
        "토큰을 계속 끊게 됩니다. 로그아웃 후 다시 연결하면 이 앱이 토큰을 되찾고, 다른 "
        "프로그램의 토큰이 끊깁니다.",
        "Kiwoom keeps one token per app key: two programs that each take a new one keep "
        "cutting each other off. Logging out and connecting again takes the token back for "
        "this app, and the other program's stops working."),
})

# Why the stream is not live, in words (StreamStatus.cause; {detail} as it gives it).
register({f"stream.cause.{cause}": text for cause, text in {
    "stopped": Text("멈춤", "stopped"),
    "crashed": Text("수신 오류로 다시 시작 중", "the reader failed; starting over"),
    "too_big": Text("메시지가 너무 큼 ({detail})", "message too big ({detail})"),
    "closed": Text("서버가 연결을 닫음 ({detail})", "closed by the server ({detail})"),
    "network": Text("연결 오류", "connection error"),
    "silent": Text("서버 응답 없음 ({detail}초)", "nothing from the server for {detail} s"),
    "timeout": Text("응답 시간 초과", "no answer in time"),
    "token_refused": Text("토큰 거부: 새 토큰으로 다시 접속", "token refused: reconnecting with a new one"),
    "token_taken": Text("다른 프로그램이 같은 앱키를 사용 중", "another program is using this app key"),
    "login_refused": Text("로그인 거부", "login refused"),
    "kicked": Text("다른 프로그램이 같은 앱키로 접속함", "another program logged in with this app key"),
    "heartbeat": Text("연결 유지 신호 누락", "heartbeat missed"),
    "server_notice": Text("서버 알림 뒤 종료", "closed after a server notice"),
}.items()})


def stream_cause(status: StreamStatus, other: bool = False) -> str:
    """Why the stream is not live, in the current language (`other`: the other one);
    "" when live or when the session gave no cause."""
    key = f"stream.cause.{status.cause}"
    if status.live or key not in CATALOGUE:
        return ""
    return (tr_other if other else tr)(key, detail=status.detail or "?")
