"""Where each environment is reached: Kiwoom's hosts (REST and WebSocket), the
per-environment addresses and their override variables, and the address checks. (The
environments and their rules are domain: domain/environment.py.)"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from ..domain.environment import Environment
from ..domain.text import Text, with_text

KIWOOM_REAL_URL = "https://api.kiwoom.com"
KIWOOM_MOCK_URL = "https://mockapi.kiwoom.com"
KIWOOM_HOSTS = frozenset({"api.kiwoom.com", "mockapi.kiwoom.com"})
# The WebSocket (realtime types 00, 04, 0B, 0D, ...): its own port, over TLS.
WS_PATH = "/api/dostk/websocket"
KIWOOM_REAL_WS_URL = "wss://api.kiwoom.com:10000" + WS_PATH
KIWOOM_MOCK_WS_URL = "wss://mockapi.kiwoom.com:10000" + WS_PATH

_DEFAULT_URLS = {Environment.MOCK: KIWOOM_MOCK_URL, Environment.REAL: KIWOOM_REAL_URL}
_DEFAULT_WS_URLS = {Environment.MOCK: KIWOOM_MOCK_WS_URL, Environment.REAL: KIWOOM_REAL_WS_URL}


def default_url(env: Environment) -> str | None:
    """Kiwoom's own host for `env`; practice has none (the app starts its own exchange)."""
    return _DEFAULT_URLS.get(env)


def override_variable(env: Environment) -> str:
    """The environment variable that points `env` elsewhere (a test server, a proxy)."""
    return f"KIWOOM_TICKET_{env.name}_URL"


def base_url(env: Environment, override: str | None = None) -> str | None:
    """The host to talk to: an explicit override, then the environment variable, then
    Kiwoom's own. Practice has none: the app starts its own exchange."""
    return override or os.environ.get(override_variable(env)) or default_url(env)


def default_ws_url(env: Environment) -> str | None:
    """Kiwoom's own WebSocket for `env`; practice has none (its exchange's port is known
    only once it runs: practice_ws_url)."""
    return _DEFAULT_WS_URLS.get(env)


def ws_override_variable(env: Environment) -> str:
    return f"KIWOOM_TICKET_{env.name}_WS_URL"


def ws_url(env: Environment, override: str | None = None) -> str | None:
    """The WebSocket to use: an explicit override, then the environment variable, then
    Kiwoom's own."""
    return override or os.environ.get(ws_override_variable(env)) or default_ws_url(env)


def practice_ws_url(port: int, host: str = "127.0.0.1") -> str:
    """The practice exchange's WebSocket: the REST port, plain ws on loopback."""
    return f"ws://{host}:{port}{WS_PATH}"


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
    return _checked(url, "https", "http")


def checked_ws_url(url: str) -> str:
    """A WebSocket address normalised, or ValueError: verified wss://, plain ws:// only to
    this machine, no user info (the token goes in the LOGIN frame, never the address)."""
    return _checked(url, "wss", "ws")


def _checked(url: str, secure: str, plain: str) -> str:
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), host_of(url)
    if scheme not in (plain, secure) or not host:
        raise with_text(ValueError, Text(f"주소는 {secure}://호스트 형식이어야 합니다",
                                         f"The address must be {secure}://host"))
    if parts.username is not None or parts.password is not None:
        raise with_text(ValueError, Text("주소에 사용자 정보를 넣을 수 없습니다",
                                         "No user info in the address"))
    if scheme == plain and not is_loopback(host):
        raise with_text(ValueError, Text("이 주소는 {scheme:으로}만 연결합니다",
                                         "This host is reached over {scheme} only"
                                         ).format(scheme=secure.upper()))
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return f"{scheme}://{netloc}{parts.path}".rstrip("/")
