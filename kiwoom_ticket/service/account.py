"""The account beside the ticket: orderable cash (kt00001) and holdings (kt00018).

Kiwoom sends numbers as zero-padded signed strings ("-00000000196888", "000000059000")
and stock codes with a one-letter prefix ("A005930"). Here they become plain ints and
6-character codes. Blocking (two requests); the app calls it on its worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.numbers import kiwoom_int
from ..domain.validation import normalise_stock_code

if TYPE_CHECKING:  # the client (requests) loads with the service, not with these names
    from ..kiwoom.client import KiwoomClient


def signed_int(value: Any) -> int:
    """A value whose sign means gain or loss ("-00000000196888" is -196888)."""
    text = str(value if value is not None else "").strip()
    magnitude = kiwoom_int(text)
    return -magnitude if text.startswith("-") else magnitude


def percent(value: Any) -> float:
    """'-52.71' -> -52.71; 0.0 for empty or unreadable text."""
    try:
        return float(str(value if value is not None else "").strip().replace(",", "") or 0)
    except ValueError:
        return 0.0


@dataclass(frozen=True, slots=True)
class Holding:
    code: str  # six characters, prefix removed
    name: str
    quantity: int  # 보유수량
    sellable: int  # 매매가능수량 (held minus what open sell orders have set aside)
    avg_price: int  # 매입가
    current_price: int  # 현재가
    profit: int  # 평가손익, signed
    profit_rate: float  # 수익률 %, signed


@dataclass(frozen=True, slots=True)
class AccountSnapshot:
    orderable_cash: int  # 주문가능금액
    holdings: tuple[Holding, ...] = ()

    @property
    def total_profit(self) -> int:
        return sum(h.profit for h in self.holdings)

    def sellable(self, stock_code: str) -> int:
        """Shares of `stock_code` that can be sold now (0 when none are held). A stock in
        several rows (cash and credit lots) counts all of them."""
        code = normalise_stock_code(stock_code)
        return sum(h.sellable for h in self.holdings if h.code == code)

    def buyable(self, unit_price: int | None) -> int | None:
        """Whole shares the orderable cash pays for at `unit_price` (None if unknown)."""
        if not unit_price or unit_price <= 0:
            return None
        return max(self.orderable_cash, 0) // unit_price


def parse_holding(row: dict[str, Any]) -> Holding:
    return Holding(
        code=normalise_stock_code(str(row.get("stk_cd") or "")),
        name=str(row.get("stk_nm") or "").strip(),
        quantity=kiwoom_int(row.get("rmnd_qty")),
        sellable=kiwoom_int(row.get("trde_able_qty")),
        avg_price=kiwoom_int(row.get("pur_pric")),
        current_price=kiwoom_int(row.get("cur_prc")),
        profit=signed_int(row.get("evltv_prft")),
        profit_rate=percent(row.get("prft_rt")),
    )


def orderable_cash(deposit: dict[str, Any]) -> int:
    return signed_int(deposit.get("ord_alow_amt"))


def fetch_account(client: KiwoomClient) -> AccountSnapshot:
    """kt00001 (qry_tp 3, estimated) and kt00018 (qry_tp 1, KRX), every page."""
    cash = orderable_cash(client.deposit("3"))
    rows = client.balance("1", "KRX")
    holdings = tuple(h for h in map(parse_holding, rows) if h.code and h.quantity > 0)
    return AccountSnapshot(cash, holdings)
