"""Where each environment is reached: Kiwoom's hosts, overridable by an explicit address or
KIWOOM_TICKET_<ENV>_URL; practice has none (the app starts its own exchange)."""

from __future__ import annotations

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.kiwoom.environments import (
    KIWOOM_MOCK_URL,
    KIWOOM_REAL_URL,
    base_url,
    default_url,
    is_kiwoom_host,
    override_variable,
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
