"""A client that hangs up is not a server error: the practice exchange says so at INFO
(the suite fails on any logged warning or error, as a real fault would)."""

from __future__ import annotations

import socket
import struct

import requests

from kiwoom_ticket.simulator.realtime import WS_PATH

UPGRADE = (
    "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Version: 13\r\n\r\n"
)


def hang_up_mid_handshake(port: int) -> None:
    """Ask for the WebSocket and reset the connection before the answer can be written."""
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
    s.sendall(UPGRADE.format(path=WS_PATH, port=port).encode())
    s.close()


def test_a_websocket_client_hanging_up_mid_handshake_is_not_an_error(sim):
    """Before: aiohttp logged 'Error handling request ... Cannot write to closing
    transport' at ERROR when the app's stream hung up during a window's teardown."""
    for _ in range(30):
        hang_up_mid_handshake(sim.port)
    # A request answered after them; the exchange stops (and every handler ends) before
    # the suite's check of the log runs.
    requests.post(sim.base_url + "/oauth2/token", json={}, timeout=10)
