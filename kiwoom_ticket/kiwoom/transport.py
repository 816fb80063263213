"""The wire under the client: one deadline per request, bounded bodies, no redirects.

`requests` (through urllib3) times each socket read on its own, so a server that drips a
byte a second never times out and keeps an order "sending" forever. Here every read of
a request's socket is given only what is left of the request's deadline: connect, the
headers and the whole body together can't take longer than the deadline, however the
bytes are spaced. The deadline is per thread, set by `deadline()` around one request.
"""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter, HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import default_headers
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from ..domain.text import Text, clip
from .errors import BadResponse

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

_local = threading.local()


class BodyTooLarge(Exception):
    """The reply is bigger than the caller allows."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Every socket read inside the block ends by `seconds` from now."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = end = time.monotonic() + seconds
    try:
        yield end
    finally:
        _local.deadline = previous


def _left() -> float | None:
    end: float | None = getattr(_local, "deadline", None)
    if end is None:
        return None
    left = end - time.monotonic()
    if left <= 0:
        raise TimeoutError("request deadline passed")
    return left


class _DeadlineSocket:
    """A socket whose reads end at the thread's deadline. Everything else passes through."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._timeout = sock.gettimeout()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def settimeout(self, value: float | None) -> None:
        self._timeout = value
        self._sock.settimeout(value)

    def gettimeout(self) -> float | None:
        return self._timeout

    def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
        left = _left()
        if left is not None:
            self._sock.settimeout(left if self._timeout is None else min(left, self._timeout))
        return self._sock.recv_into(buffer, nbytes, flags)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        left = _left()
        if left is not None:
            self._sock.settimeout(left if self._timeout is None else min(left, self._timeout))
        return self._sock.recv(bufsize, flags)

    def makefile(self, mode: str = "r", buffering: int | None = None,
                 **_kwargs: object) -> socket.SocketIO | io.BufferedReader:
        # http.client reads the status line, headers and body through this file. Counted
        # on the real socket, as socket.makefile does, so closing the connection while the
        # body is still being read (Connection: close) leaves the descriptor open.
        # _io_refs: socket.socket's own count, private (in __slots__, not in typeshed).
        self._sock._io_refs += 1  # type: ignore[attr-defined]  # private, as above
        # SocketIO asks for a socket.socket: this wrapper passes for one (duck typing).
        raw = socket.SocketIO(self, mode)  # type: ignore[arg-type]  # a stand-in socket
        return raw if buffering == 0 else io.BufferedReader(raw)


class _OneWrite(HTTPConnection):
    """A request's header block and its body leave in one write, as http.client itself
    does for a bytes body: urllib3 sends them apart, which costs a second TLS record and
    wakes the server twice. Only for a bytes body (one chunk, Content-Length known)."""

    _header_block: bytes | None = None
    _body_follows = False

    def request(self, method: str, url: str, body: Any = None,  # urllib3's _TYPE_BODY
                headers: Any = None, **kwargs: Any) -> None:
        self._body_follows = isinstance(body, bytes) and bool(body)
        self._header_block = None
        try:
            super().request(method, url, body, headers, **kwargs)
        finally:
            self._body_follows = False
            self._header_block = None

    def send(self, data: Any) -> None:  # bytes when _body_follows; else passed on as is
        if self._body_follows:
            if self._header_block is None:  # the header block, from endheaders()
                self._header_block = bytes(data)
                return
            data, self._body_follows = self._header_block + data, False
        super().send(data)


class _HTTPConnection(_OneWrite, HTTPConnection):
    def connect(self) -> None:
        super().connect()
        self.sock = _DeadlineSocket(self.sock)


class _HTTPSConnection(_OneWrite, HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        self.sock = _DeadlineSocket(self.sock)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """No automatic retries of any kind (a retried POST could double an order), one
    keep-alive connection, and sockets that honour `deadline()`."""

    def __init__(self) -> None:
        super().__init__(
            max_retries=Retry(total=0, connect=0, read=0, redirect=0, status=0, other=0),
            pool_connections=1,
            pool_maxsize=2,
        )

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def new_session() -> requests.Session:
    session = requests.Session()
    # Nothing from the environment: no proxy variables, no .netrc (which could add its
    # own Authorization header), no REQUESTS_CA_BUNDLE. Requests would otherwise look all
    # of them up again on every call (a walk over os.environ and a stat of ~/.netrc per
    # request); the client passes its CA (`verify`) on every request itself.
    session.trust_env = False
    adapter = DeadlineAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# What requests.Session would add to every request (User-Agent, Accept-Encoding, Accept,
# Connection): kept, so the server sees the same request as through Session.post.
_SESSION_HEADERS = tuple(default_headers().items())


def post(adapter: BaseAdapter, url: str, headers: dict[str, str], body: bytes, *,
         timeout: tuple[float, float], verify: bool | str) -> requests.Response:
    """One POST through `adapter`, without requests.Session's per-call work (merging
    session settings, cookies and the environment, hooks, redirect bookkeeping): the
    adapter still verifies TLS (`verify`), applies the timeouts and turns urllib3's
    errors into requests' own, as Session.post would. Never follows a redirect (the
    caller sees the 3xx); the body is streamed (read it with read_capped). `url` must be
    a full URL the caller has checked (KiwoomClient's base URL and a fixed path)."""
    request = requests.PreparedRequest()
    request.method = "POST"
    request.url = url
    request.headers = CaseInsensitiveDict(_SESSION_HEADERS)
    request.headers.update(headers)
    request.headers["Content-Length"] = str(len(body))
    request.body = body
    return adapter.send(request, stream=True, timeout=timeout, verify=verify, proxies={})


def read_capped(resp: requests.Response, limit: int) -> bytes:
    """The whole body (decoded), or BodyTooLarge past `limit` bytes. Reads stop at the
    request's deadline, so a body that never ends can't hold the caller."""
    declared = resp.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        resp.close()
        raise BodyTooLarge(f"{int(declared)} bytes declared")
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(chunk_size=16384):
        size += len(chunk)
        if size > limit:
            resp.close()
            raise BodyTooLarge(f"over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def redirect_error(resp: requests.Response, api_id: str) -> BadResponse:
    """A 3xx is never followed: it would re-post keys or an order to another host, and
    the other host's "accepted" could not be believed. For an order: outcome unknown."""
    target = urlsplit(resp.headers.get("Location", "")).hostname or "?"
    target = clip(target, 80)
    return BadResponse(
        Text("서버가 다른 주소({target})로 보내려 했습니다: 따르지 않음",
             "The server redirected to {target}: not followed").format(target=target),
        api_id=api_id, http_status=resp.status_code)


def never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the TCP connection was never established (refused, no route, DNS)."""
    text = repr(exc)
    return any(s in text for s in ("NewConnectionError", "NameResolutionError",
                                   "Failed to establish a new connection"))


def network_text(ko: str, en: str, exc: Exception) -> Text:
    """The words the trader reads: no exception class (that is `network_cause`, logged)."""
    return Text(ko, en)


def network_cause(exc: Exception) -> str:
    """The library's own failure behind a network error, for the log file."""
    return type(getattr(exc, "__context__", None) or exc).__name__
