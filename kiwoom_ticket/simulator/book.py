"""What the exchange remembers: orders, their fills, and the ledger of accepted requests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from kiwoom_ticket.domain.trade_types import BY_CODE, OrderPricing, TradeType

NO_ORDER = "0000000"  # Kiwoom's orig_ord_no when there is none


class State:
    OPEN = "open"
    FILLED = "filled"
    CANCELLED = "cancelled"  # by a cancel request, or the unfilled rest of IOC/FOK
    MODIFIED = "modified"  # all of its remainder moved to a modify order
    EXPIRED = "expired"  # its trading day ended with a remainder still working


@dataclass
class SimOrder:
    ord_no: str
    side: str  # "buy" or "sell"
    exchange: str  # KRX, NXT, SOR
    stk_cd: str
    trade_type: str  # trde_tp code; a modify order keeps its original's
    qty: int
    price: int  # limit price; 0 when the type takes none
    stop_price: int  # 0 when none
    reserve_price: int  # cash set aside per share (buys)
    time: str  # HHmmss
    orig_ord_no: str = NO_ORDER  # the order a modify replaced
    root_ord_no: str = ""  # first order of the chain (base_orig_ord_no)
    is_modify: bool = False
    filled: int = 0
    filled_amount: int = 0
    remaining: int = 0
    state: str = State.OPEN
    triggered: bool = False  # stop limit: the stop price has traded
    as_limit: bool = False  # 최유리/최우선 rest as a limit at their first fill price
    credit: str = ""  # "" cash; credit deal type: 03 자기융자 (buy), 33 융자 / 99 융자합 (sell)
    loan_dt: str = ""  # YYYYMMDD of the loan a credit order opens or repays

    def __post_init__(self) -> None:
        if not self.root_ord_no:
            self.root_ord_no = self.ord_no

    @property
    def tt(self) -> TradeType:
        return BY_CODE[self.trade_type]

    @property
    def fill_rule(self) -> OrderPricing:
        return OrderPricing.LIMIT if self.as_limit else self.tt.fill

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN and self.remaining > 0

    @property
    def avg_fill_price(self) -> int:
        return self.filled_amount // self.filled if self.filled else 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SimOrder:
        return cls(**data)


@dataclass(frozen=True)
class Execution:
    ord_no: str
    stk_cd: str
    side: str
    qty: int
    price: int
    time: str


@dataclass(frozen=True)
class LedgerEntry:
    """One request the exchange accepted (a new order, a modify, or a cancel)."""

    api_id: str
    ord_no: str
    orig_ord_no: str
    base_orig_ord_no: str
    stk_cd: str
    qty: int  # ordered, moved by the modify, or cancelled
    body: dict = field(default_factory=dict)
    time: datetime | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["time"] = self.time.isoformat() if self.time else None
        return d

    @classmethod
    def from_dict(cls, data: dict) -> LedgerEntry:
        data = dict(data)
        data["time"] = datetime.fromisoformat(data["time"]) if data.get("time") else None
        return cls(**data)
