"""Settings of one practice exchange. Defaults suit the app; tests override a few."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

Profile = Literal["mock", "real"]
ClockMode = Literal["always", "krx"]

# (code, shares, average purchase price): enough for the seed document's market sell.
DEFAULT_HOLDINGS: tuple[tuple[str, int, int], ...] = (
    ("005930", 10, 190_000),
    ("000660", 2, 520_000),
    ("035720", 20, 62_000),
)

# Per api-id token buckets, as (requests per second, burst). Kiwoom: mock 1/s, real 5/s.
PROFILE_RATES: dict[str, tuple[float, int]] = {"mock": (1.0, 2), "real": (5.0, 5)}


@dataclass(frozen=True)
class SimConfig:
    profile: Profile = "mock"
    seed: int | None = None
    rate_limits: bool = True
    rate_per_second: float | None = None  # None: the profile's rate
    rate_burst: int | None = None
    page_size: int = 100
    state_file: str | Path | None = None
    clock: ClockMode = "always"
    now: Callable[[], datetime] | None = None  # inject the wall clock (tests)
    walk_interval: float | None = None  # seconds between price steps; None: only when told
    host: str = "127.0.0.1"
    port: int = 0
    token_lifetime: float = 24 * 3600.0  # seconds
    cash: int = 100_000_000
    credit_limit: int = 50_000_000  # 신용 (자기융자) the account may borrow in all
    holdings: tuple[tuple[str, int, int], ...] = DEFAULT_HOLDINGS
    account_no: str = "8100000011"
    # Each resting order fills at most this many won per price step (large orders fill in parts).
    step_liquidity_krw: int = 50_000_000
    latency_ms: float = 0.0  # answer every request after this long
    max_body_bytes: int = 64 * 1024
    max_header_bytes: int = 16 * 1024  # one header line; aiohttp answers 400 past it
    state_flush_interval: float = 0.5
    # Serve HTTPS with this context (e.g. a throwaway trustme certificate); None: plain HTTP.
    ssl_context: ssl.SSLContext | None = None
    # The WebSocket (/api/dostk/websocket, same port): Kiwoom pings about every 10 s and
    # closes with R10002 after 5 unanswered PINGs.
    ws_ping_interval: float = 10.0
    ws_ping_misses: int = 5
    ws_login_delay: float = 0.01  # checking a LOGIN takes this long; a REG meanwhile gets 100013
    ws_login_timeout: float = 60.0  # no LOGIN by then: SYSTEM R10004, and the close
    # Seconds between the market's trade prints (0B) per subscribed stock; 0: as fast as the
    # client reads (the throughput bench); None: prints only on price moves and fills.
    ws_tick_interval: float | None = 0.25
    ws_batch: int = 100  # most entries in one REAL frame
    # Issuing a token for an app key invalidates its earlier ones (Kiwoom, as reported).
    one_token_per_key: bool = False

    def __post_init__(self) -> None:
        if self.profile not in ("mock", "real"):
            raise ValueError(f"profile must be 'mock' or 'real', not {self.profile!r}")
        if self.clock not in ("always", "krx"):
            raise ValueError(f"clock must be 'always' or 'krx', not {self.clock!r}")
        if self.page_size < 1:
            raise ValueError("page_size must be at least 1")
        if self.ws_ping_interval <= 0 or self.ws_ping_misses < 1 or self.ws_batch < 1:
            raise ValueError("ws_ping_interval, ws_ping_misses and ws_batch must be positive")

    @property
    def is_mock(self) -> bool:
        return self.profile == "mock"

    def rate(self) -> tuple[float, int]:
        per_s, burst = PROFILE_RATES[self.profile]
        return (
            self.rate_per_second if self.rate_per_second is not None else per_s,
            self.rate_burst if self.rate_burst is not None else burst,
        )
