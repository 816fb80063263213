"""Where each environment is reached: Kiwoom's hosts, overridable by an explicit address or
KIWOOM_TICKET_<ENV>_URL; practice has none (the app starts its own exchange)."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.kiwoom.environments import (
    KIWOOM_MOCK_URL,
    KIWOOM_MOCK_WS_URL,
    KIWOOM_REAL_URL,
    KIWOOM_REAL_WS_URL,
    base_url,
    checked_ws_url,
    default_url,
    is_kiwoom_host,
    override_variable,
    practice_ws_url,
    ws_override_variable,
    ws_url,
)


def test_kiwoom_hosts_by_default(monkeypatch):
    for env in Environment:
        monkeypatch.delenv(override_variable(env), raising=False)
    assert base_url(Environment.MOCK) == default_url(Environment.MOCK) == KIWOOM_MOCK_URL
    assert base_url(Environment.REAL) == default_url(Environment.REAL) == KIWOOM_REAL_URL
    assert base_url(Environment.PRACTICE) is None
    assert is_kiwoom_host(KIWOOM_MOCK_URL) and is_kiwoom_host(KIWOOM_REAL_URL)


def test_override_then_variable_then_default(monkeypatch):
    assert override_variable(Environment.REAL) == "KIWOOM_TICKET_REAL_URL"
    monkeypatch.setenv("KIWOOM_TICKET_REAL_URL", "https://proxy.example")
    assert base_url(Environment.REAL) == "https://proxy.example"
    assert base_url(Environment.REAL, "http://127.0.0.1:9") == "http://127.0.0.1:9"
    monkeypatch.delenv("KIWOOM_TICKET_MOCK_URL", raising=False)
    assert base_url(Environment.MOCK) == KIWOOM_MOCK_URL  # each environment its own variable


def test_websocket_hosts_beside_the_rest_hosts(monkeypatch):
    for env in Environment:
        monkeypatch.delenv(ws_override_variable(env), raising=False)
    assert ws_url(Environment.MOCK) == KIWOOM_MOCK_WS_URL == (
        "wss://mockapi.kiwoom.com:10000/api/dostk/websocket")
    assert ws_url(Environment.REAL) == KIWOOM_REAL_WS_URL == (
        "wss://api.kiwoom.com:10000/api/dostk/websocket")
    assert ws_url(Environment.PRACTICE) is None
    assert practice_ws_url(8080) == "ws://127.0.0.1:8080/api/dostk/websocket"
    monkeypatch.setenv("KIWOOM_TICKET_MOCK_WS_URL", "wss://proxy.example/ws")
    assert ws_url(Environment.MOCK) == "wss://proxy.example/ws"
    assert ws_url(Environment.MOCK, "ws://127.0.0.1:9/x") == "ws://127.0.0.1:9/x"


@pytest.mark.parametrize("url", [
    "ws://api.kiwoom.com:10000/api/dostk/websocket",  # plain ws off this machine
    "https://api.kiwoom.com:10000/api/dostk/websocket",  # not a WebSocket address
    "wss://key:secret@api.kiwoom.com/api/dostk/websocket",  # no user info
    "wss:///api/dostk/websocket",
])
def test_websocket_addresses_that_are_refused(url):
    with pytest.raises(ValueError):
        checked_ws_url(url)


def test_websocket_addresses_are_normalised():
    assert checked_ws_url(" WSS://API.Kiwoom.com.:10000/api/dostk/websocket/ ") == (
        "wss://api.kiwoom.com:10000/api/dostk/websocket")
    assert checked_ws_url("ws://localhost:5/api/dostk/websocket") == (
        "ws://localhost:5/api/dostk/websocket")
