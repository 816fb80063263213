"""The one practice account: cash, holdings, and what open orders have set aside.

Buying reserves cash for the whole order (at the limit price, or at the upper price
limit for orders without a price, as KRX brokers do); selling reserves shares. Fills
and cancels release what they no longer need. All amounts are whole won.

Credit (신용, 자기융자): the account has a credit limit. A credit buy borrows the whole
purchase amount (no cash margin is taken: a simplification) and its shares are held as a
loan lot of that day, apart from the cash holdings. A credit sell sells shares of one lot;
the proceeds repay that lot's loan in proportion and the rest is cash. No interest accrues.
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


@dataclass
class Loan(Holding):
    """Shares bought on credit on one day, and what is still owed for them."""

    principal: int = 0


def loan_key(code: str, loan_dt: str) -> str:
    return f"{code}:{loan_dt}"


class Account:
    def __init__(
        self, cash: int, holdings: tuple[tuple[str, int, int], ...] = (), credit_limit: int = 0
    ) -> None:
        self.cash = cash
        self.reserved_cash = 0
        self.credit_limit = credit_limit
        self.reserved_credit = 0
        self.loans: dict[str, Loan] = {}  # by loan_key(code, YYYYMMDD)
        self.holdings: dict[str, Holding] = {}
        for code, qty, avg in holdings:
            self.holdings[code] = Holding(qty=qty, cost=qty * avg)

    @property
    def orderable(self) -> int:
        return self.cash - self.reserved_cash

    def holding(self, code: str) -> Holding:
        return self.holdings.get(code) or Holding()

    @property
    def loan_total(self) -> int:
        return sum(lot.principal for lot in self.loans.values())

    @property
    def credit_available(self) -> int:
        return self.credit_limit - self.loan_total - self.reserved_credit

    def lots(self, code: str | None = None) -> list[tuple[str, str, Loan]]:
        """(code, loan_dt, lot) of the lots still holding shares, by code then date."""
        out = []
        for key, lot in sorted(self.loans.items()):
            c, _, day = key.partition(":")
            if lot.qty > 0 and (code is None or c == code):
                out.append((c, day, lot))
        return out

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

    def reserve_credit(self, amount: int, releasing: int = 0) -> None:
        if amount > self.credit_available + releasing:
            raise OrderRejected(INSUFFICIENT_CASH)
        self.reserved_credit += amount - releasing

    def release_credit(self, amount: int) -> None:
        self.reserved_credit -= amount

    def reserve_loan_shares(self, code: str, qty: int, loan_dt: str) -> str:
        """Set aside `qty` shares of the lot of `loan_dt` (or, with none, the oldest lot
        that has them: 융자합). Returns the lot's date."""
        lots = [(day, lot) for _, day, lot in self.lots(code) if not loan_dt or day == loan_dt]
        for day, lot in lots:
            if qty <= lot.sellable:
                lot.reserved += qty
                return day
        raise OrderRejected(INSUFFICIENT_SHARES)

    def release_loan_shares(self, code: str, loan_dt: str, qty: int) -> None:
        self.loans[loan_key(code, loan_dt)].reserved -= qty

    # --- fills ---------------------------------------------------------------------

    def settle_credit_buy(
        self, code: str, loan_dt: str, qty: int, price: int, reserved_price: int
    ) -> None:
        self.reserved_credit -= qty * reserved_price
        lot = self.loans.setdefault(loan_key(code, loan_dt), Loan())
        lot.qty += qty
        lot.cost += qty * price
        lot.principal += qty * price
        lot.bought_today += qty

    def settle_credit_sell(self, code: str, loan_dt: str, qty: int, price: int) -> None:
        lot = self.loans[loan_key(code, loan_dt)]
        repaid = lot.principal * qty // lot.qty if qty < lot.qty else lot.principal
        leaving = lot.cost * qty // lot.qty if qty < lot.qty else lot.cost
        lot.principal -= repaid
        lot.cost -= leaving
        lot.qty -= qty
        lot.reserved -= qty
        lot.sold_today += qty
        lot.sold_cost_today += leaving
        lot.sold_amount_today += qty * price
        self.cash += qty * price - repaid

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
            "reserved_credit": self.reserved_credit,
            "loans": {key: asdict(lot) for key, lot in self.loans.items()},
            "holdings": {
                code: asdict(h) for code, h in self.holdings.items()
            },
        }

    @classmethod
    def from_dict(cls, data: dict) -> Account:
        account = cls(int(data["cash"]))
        account.reserved_cash = int(data["reserved_cash"])
        account.reserved_credit = int(data.get("reserved_credit", 0))
        for key, lot in data.get("loans", {}).items():
            account.loans[key] = Loan(**{k: int(v) for k, v in lot.items()})
        for code, h in data["holdings"].items():
            account.holdings[code] = Holding(**{k: int(v) for k, v in h.items()})
        return account
