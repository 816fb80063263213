"""Where orders go: the built-in practice exchange, Kiwoom mock, or Kiwoom real, and
what each allows. (Hosts and addresses are the client's business: kiwoom/environments.py.)"""

from __future__ import annotations

from enum import Enum

from .exchange import Exchange
from .korean import attach
from .text import Text


class Environment(Enum):
    PRACTICE = "practice"
    MOCK = "mock"
    REAL = "real"

    @property
    def label(self) -> Text:
        return _LABELS[self]

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

    @property
    def always_confirms(self) -> bool:
        """Real trading shows the summary before every order, whatever the user set;
        practice and the mock server may skip it."""
        return self is Environment.REAL


_LABELS = {
    Environment.PRACTICE: Text("연습 거래소", "Practice exchange"),
    Environment.MOCK: Text("키움 모의투자", "Kiwoom mock"),
    Environment.REAL: Text("키움 실전", "Kiwoom real"),
}


def exchange_not_taken(exchange: Exchange) -> Text:
    """The one text for an order to an exchange the environment does not take: in the
    ticket's exchange list and in validation. Kiwoom mock is the only environment that
    limits exchanges (see `Environment.exchanges`), so the text names it."""
    mock = Environment.MOCK.label
    return Text(
        f"{mock.ko}에서는 {attach(exchange.value, '를')} 쓸 수 없습니다 (KRX만 지원)",
        f"{exchange.value} is not available on {mock.en} (KRX only)",
    )


def exchange_unavailable_reason(env: Environment, exchange: Exchange) -> Text | None:
    """Why `env` does not take orders for `exchange`, or None if it does."""
    if exchange in env.exchanges:
        return None
    return exchange_not_taken(exchange)
