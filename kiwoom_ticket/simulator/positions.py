"""What the account holds, as the balance TRs list it: cash holdings and credit loan lots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .account import Holding
from .core import Core

LOAN_DAYS = 90  # 자기융자 comes due this many days after the loan


@dataclass(frozen=True)
class Position:
    code: str
    h: Holding
    loan_dt: str = ""  # YYYYMMDD for a credit lot
    principal: int = 0  # still owed on a credit lot

    @property
    def crd_tp(self) -> str:
        return "03" if self.loan_dt else "00"

    @property
    def crd_tp_nm(self) -> str:
        return "자기융자" if self.loan_dt else ""

    @property
    def expiry(self) -> str:
        if not self.loan_dt:
            return ""
        due = datetime.strptime(self.loan_dt, "%Y%m%d") + timedelta(days=LOAN_DAYS)
        return due.strftime("%Y%m%d")

    @property
    def key(self) -> str:
        return f"{self.code}:{self.crd_tp}:{self.loan_dt}"


def positions(core: Core) -> list[Position]:
    """Every position holding shares, by code, cash before credit, older loans first."""
    a = core.account
    out = [Position(code, h) for code, h in a.holdings.items() if h.qty > 0]
    out += [Position(code, lot, day, lot.principal) for code, day, lot in a.lots()]
    return sorted(out, key=lambda p: p.key)
