"""Trading sessions of KRX and NXT, by wall-clock time in KST.

Pure functions of a time value: callers pass the clock in, so tests and the practice
exchange can choose it. Source: kiwoom-rest-notes.md section 7.3 and 7.4.
"""

from __future__ import annotations

from datetime import time, timedelta, timezone
from enum import Enum

from .exchange import Exchange
from .text import Text

KST = timezone(timedelta(hours=9), "KST")  # Korea keeps no daylight saving time


class MarketPhase(Enum):
    NXT_PRE = "nxt_pre"  # 08:00-08:50, limit only
    KRX_PRE_CLOSE = "krx_pre_close"  # 08:30-08:40, 장전 시간외 종가 (61)
    REGULAR = "regular"  # KRX 08:30-15:30 (auctions included), NXT 09:00:30-15:20
    KRX_POST_CLOSE = "krx_post_close"  # 15:40-16:00, 장후 시간외 종가 (81)
    KRX_SINGLE_PRICE = "krx_single_price"  # 16:00-18:00, 시간외 단일가 (62)
    NXT_AFTER = "nxt_after"  # 15:30-20:00, limit only

    @property
    def label(self) -> Text:
        return _LABELS[self]


_LABELS = {
    MarketPhase.NXT_PRE: Text("NXT 프리마켓 (08:00~08:50)", "NXT pre-market (08:00-08:50)"),
    MarketPhase.KRX_PRE_CLOSE: Text("장전 시간외 종가 (08:30~08:40)", "pre-open closing price (08:30-08:40)"),
    MarketPhase.REGULAR: Text("정규장", "regular session"),
    MarketPhase.KRX_POST_CLOSE: Text("장후 시간외 종가 (15:40~16:00)", "after-hours closing price (15:40-16:00)"),
    MarketPhase.KRX_SINGLE_PRICE: Text("시간외 단일가 (16:00~18:00)", "after-hours single price (16:00-18:00)"),
    MarketPhase.NXT_AFTER: Text("NXT 애프터마켓 (15:30~20:00)", "NXT after-market (15:30-20:00)"),
}

# (session, exchange, start inclusive, end exclusive)
_WINDOWS: tuple[tuple[MarketPhase, Exchange, time, time], ...] = (
    (MarketPhase.NXT_PRE, Exchange.NXT, time(8, 0), time(8, 50)),
    (MarketPhase.KRX_PRE_CLOSE, Exchange.KRX, time(8, 30), time(8, 40)),
    (MarketPhase.REGULAR, Exchange.KRX, time(8, 30), time(15, 30)),
    (MarketPhase.REGULAR, Exchange.NXT, time(9, 0, 30), time(15, 20)),
    (MarketPhase.KRX_POST_CLOSE, Exchange.KRX, time(15, 40), time(16, 0)),
    (MarketPhase.KRX_SINGLE_PRICE, Exchange.KRX, time(16, 0), time(18, 0)),
    (MarketPhase.NXT_AFTER, Exchange.NXT, time(15, 30), time(20, 0)),
)



def open_sessions(exchange: Exchange, at: time) -> frozenset[MarketPhase]:
    """Sessions of `exchange` open at `at` (KST). SOR is open when KRX or NXT is."""
    venues = (Exchange.KRX, Exchange.NXT) if exchange is Exchange.SOR else (exchange,)
    return frozenset(
        s for s, ex, start, end in _WINDOWS if ex in venues and start <= at < end
    )
