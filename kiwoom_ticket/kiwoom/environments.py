"""Where orders go: the built-in practice exchange, Kiwoom mock, or Kiwoom real."""

from __future__ import annotations

import ipaddress
import os
from enum import Enum
from urllib.parse import urlsplit

from ..domain.exchange import Exchange
from ..domain.text import Text

KIWOOM_REAL_URL = "https://api.kiwoom.com"
KIWOOM_MOCK_URL = "https://mockapi.kiwoom.com"
KIWOOM_HOSTS = frozenset({"api.kiwoom.com", "mockapi.kiwoom.com"})


class Environment(Enum):
    PRACTICE = "practice"
    MOCK = "mock"
    REAL = "real"

    @property
    def label(self) -> Text:
        return _LABELS[self]

    @property
    def default_url(self) -> str | None:
        return {"mock": KIWOOM_MOCK_URL, "real": KIWOOM_REAL_URL}.get(self.value)

    @property
    def override_variable(self) -> str:
        return f"KIWOOM_TICKET_{self.name}_URL"

    def base_url(self, override: str | None = None) -> str | None:
        """The host to talk to: an explicit override, then the environment variable, then
        Kiwoom's own. Practice has none: the app starts its own exchange."""
        return override or os.environ.get(self.override_variable) or self.default_url

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        # Kiwoom's mock server takes KRX only (portal: "KRX만 지원가능").
        return (Exchange.KRX,) if self is Environment.MOCK else tuple(Exchange)

    @property
    def needs_credentials(self) -> bool:
        return self is not Environment.PRACTICE

    @property
    def orders_per_second(self) -> float:
        """Client-side pacing per api-id, under the server's quota."""
        return 1.0 if self is Environment.MOCK else 5.0


_LABELS = {
    Environment.PRACTICE: Text("연습 거래소", "Practice exchange"),
    Environment.MOCK: Text("키움 모의투자", "Kiwoom mock"),
    Environment.REAL: Text("키움 실전", "Kiwoom real"),
}


def host_of(url: str) -> str:
    """The host as a resolver sees it: lower case, no trailing dot, no user or port."""
    return (urlsplit(url.strip()).hostname or "").lower().rstrip(".")


def is_kiwoom_host(url: str) -> bool:
    host = host_of(url)
    return host in KIWOOM_HOSTS or host.endswith(".kiwoom.com")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_base_url(url: str) -> str:
    """`url` normalised, or ValueError. Keys and orders go over verified HTTPS; plain HTTP
    only to this machine (the practice exchange, tests). No user info in the address."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), host_of(url)
    if scheme not in ("http", "https") or not host:
        raise ValueError("주소는 https://호스트 형식이어야 합니다 / The address must be https://host")
    if parts.username is not None or parts.password is not None:
        raise ValueError("주소에 사용자 정보를 넣을 수 없습니다 / No user info in the address")
    if scheme == "http" and not is_loopback(host):
        raise ValueError("이 주소는 HTTPS로만 연결합니다 / This host is reached over HTTPS only")
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return f"{scheme}://{netloc}{parts.path}".rstrip("/")


def exchange_unavailable_reason(env: Environment, exchange: Exchange) -> Text | None:
    if exchange in env.exchanges:
        return None
    return Text(
        f"{env.label.ko}에서는 {exchange.value}를 쓸 수 없습니다 (KRX만 지원)",
        f"{exchange.value} is not available on {env.label.en} (KRX only)",
    )
