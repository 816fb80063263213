"""A small hostile HTTP server on 127.0.0.1: redirects, drips, floods and mis-typed JSON.

Answers au10001 like Kiwoom (so a client gets a token) and every other request with
whatever `reply` is set to: a callable that writes raw bytes to the socket. Records
every request it was sent, so a test can prove what did or didn't arrive.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Writer = Callable[[socket.socket], None]

TOKEN_BODY = json.dumps({"token": "hostile-token-0123456789", "token_type": "bearer",
                         "expires_dt": "20991231235959", "return_code": 0,
                         "return_msg": "ok"}).encode()


def http(status: str, body: bytes, headers: dict[str, str] | None = None,
         length: bool = True) -> bytes:
    head = [f"HTTP/1.1 {status}", "Content-Type: application/json;charset=UTF-8"]
    if length:
        head.append(f"Content-Length: {len(body)}")
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def json_reply(obj: object, status: str = "200 OK") -> Writer:
    raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
    return lambda sock: sock.sendall(http(status, raw))


def redirect(location: str, status: str = "307 Temporary Redirect") -> Writer:
    body = json.dumps({"ord_no": "0000001", "return_code": 0, "return_msg": "ok"}).encode()
    return lambda sock: sock.sendall(http(status, body, {"Location": location}))


def drip_body(every: float = 0.2) -> Writer:
    """Headers at once, then a body that never ends, one byte at a time."""
    def write(sock: socket.socket) -> None:
        sock.sendall(http("200 OK", b"", length=False).rstrip(b"\r\n") +
                     b"\r\nContent-Length: 4000\r\n\r\n{")
        while True:
            time.sleep(every)
            sock.sendall(b" ")
    return write


def drip_headers(every: float = 0.2) -> Writer:
    """The status line and headers themselves, a byte at a time, forever."""
    def write(sock: socket.socket) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while True:
            time.sleep(every)
            sock.sendall(b"a")
    return write


def flood(size: int, declared: bool = True) -> Writer:
    """A JSON body of `size` bytes, with or without Content-Length."""
    def write(sock: socket.socket) -> None:
        filler = b'{"return_code":0,"return_msg":"' + b"x" * (size - 40) + b'","ord_no":"0000001"}'
        if declared:
            sock.sendall(http("200 OK", filler))
            return
        sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\n\r\n")
        for i in range(0, len(filler), 65536):
            sock.sendall(filler[i:i + 65536])
    return write


@dataclass
class HostileServer:
    reply: Writer = field(default_factory=lambda: json_reply({"return_code": 0}))
    token_reply: Writer = field(default_factory=lambda: lambda sock: sock.sendall(
        http("200 OK", TOKEN_BODY)))
    requests: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def received(self, api_id: str) -> int:
        return sum(1 for _path, headers, _body in self.requests
                   if headers.get("api-id") == api_id)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            buf = b""
            try:
                while True:
                    while b"\r\n\r\n" not in buf:
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        buf += chunk
                    head, _, buf = buf.partition(b"\r\n\r\n")
                    lines = head.decode("latin-1").split("\r\n")
                    headers = {k.strip().lower(): v.strip() for k, _, v in
                               (line.partition(":") for line in lines[1:])}
                    length = int(headers.get("content-length", "0"))
                    while len(buf) < length:
                        buf += conn.recv(65536)
                    body, buf = buf[:length], buf[length:]
                    self.requests.append((lines[0].split(" ")[1], headers, body))
                    if headers.get("api-id") == "au10001":
                        self.token_reply(conn)
                    else:
                        self.reply(conn)
            except OSError:
                return
