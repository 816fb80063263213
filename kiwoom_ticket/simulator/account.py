"""The one practice account: cash, holdings, and what open orders have set aside.

Buying reserves cash for the whole order (at the limit price, or at the upper price
limit for orders without a price, as KRX brokers do); selling reserves shares. Fills
and cancels release what they no longer need. All amounts are whole won.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .errors import OrderRejected

INSUFFICIENT_CASH = "RC4025"
INSUFFICIENT_SHARES = "800033"


@dataclass
class Holding:
    qty: int = 0
    cost: int = 0  # total purchase amount of the shares held
    reserved: int = 0  # shares promised to open sell orders
    bought_today: int = 0
    sold_today: int = 0
    sold_cost_today: int = 0  # purchase cost of the shares sold today
    sold_amount_today: int = 0  # what they sold for

    @property
    def sellable(self) -> int:
        return self.qty - self.reserved

    @property
    def avg_price(self) -> int:
        return self.cost // self.qty if self.qty else 0


class Account:
    def __init__(self, cash: int, holdings: tuple[tuple[str, int, int], ...] = ()) -> None:
        self.cash = cash
        self.reserved_cash = 0
        self.holdings: dict[str, Holding] = {}
        for code, qty, avg in holdings:
            self.holdings[code] = Holding(qty=qty, cost=qty * avg)

    @property
    def orderable(self) -> int:
        return self.cash - self.reserved_cash

    def holding(self, code: str) -> Holding:
        return self.holdings.get(code) or Holding()

    # --- reservations --------------------------------------------------------------

    def reserve_cash(self, amount: int, releasing: int = 0) -> None:
        """Set `amount` aside, counting `releasing` (freed by the same request) as available."""
        if amount > self.orderable + releasing:
            raise OrderRejected(INSUFFICIENT_CASH)
        self.reserved_cash += amount - releasing

    def release_cash(self, amount: int) -> None:
        self.reserved_cash -= amount

    def reserve_shares(self, code: str, qty: int) -> None:
        h = self.holdings.get(code)
        if h is None or qty > h.sellable:
            raise OrderRejected(INSUFFICIENT_SHARES)
        h.reserved += qty

    def release_shares(self, code: str, qty: int) -> None:
        self.holdings[code].reserved -= qty

    # --- fills ---------------------------------------------------------------------

    def settle_buy(self, code: str, qty: int, price: int, reserved_price: int) -> None:
        self.reserved_cash -= qty * reserved_price
        self.cash -= qty * price
        h = self.holdings.setdefault(code, Holding())
        h.qty += qty
        h.cost += qty * price
        h.bought_today += qty

    def settle_sell(self, code: str, qty: int, price: int) -> None:
        h = self.holdings[code]
        # The cost leaves in proportion to the shares sold; the last share takes the rest.
        leaving = h.cost * qty // h.qty if qty < h.qty else h.cost
        h.cost -= leaving
        h.qty -= qty
        h.reserved -= qty
        h.sold_today += qty
        h.sold_cost_today += leaving
        h.sold_amount_today += qty * price
        self.cash += qty * price

    # --- persistence ---------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "cash": self.cash,
            "reserved_cash": self.reserved_cash,
            "holdings": {
                code: asdict(h) for code, h in self.holdings.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> Account:
        account = cls(int(data["cash"]))
        account.reserved_cash = int(data["reserved_cash"])
        for code, h in data["holdings"].items():
            account.holdings[code] = Holding(**{k: int(v) for k, v in h.items()})
        return account
