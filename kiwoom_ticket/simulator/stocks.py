"""The listed stocks the practice exchange trades, loaded from data/stocks.csv."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

from kiwoom_ticket.domain.ticks import is_on_tick


@dataclass(frozen=True, slots=True)
class Stock:
    code: str
    name: str
    market: str  # "KOSPI" or "KOSDAQ"
    base_price: int  # 기준가: yesterday's close, approximate, for practice only
    listed_shares: int
    nxt_enable: bool
    listed_on: str = ""  # YYYYMMDD (approximate; for practice only)
    sector: str = ""  # 업종명
    size: str = ""  # 회사크기분류: 대형주, 중형주, 소형주
    kosdaq_class: str = ""  # 코스닥 소속부 (우량기업부, …); empty on KOSPI
    par_value: int = 0  # 액면가, won

    @property
    def market_code(self) -> str:
        """ka10100 `marketCode`: 0 거래소 (KOSPI), 10 코스닥."""
        return "0" if self.market == "KOSPI" else "10"

    @property
    def market_name(self) -> str:
        return "거래소" if self.market == "KOSPI" else "코스닥"


def load_stocks() -> dict[str, Stock]:
    text = resources.files(__package__).joinpath("data", "stocks.csv").read_text("utf-8")
    stocks: dict[str, Stock] = {}
    for row in csv.DictReader(io.StringIO(text)):
        stock = Stock(
            code=row["code"],
            name=row["name"],
            market=row["market"],
            base_price=int(row["base_price"]),
            listed_shares=int(row["listed_shares"]),
            nxt_enable=row["nxt_enable"] == "Y",
            listed_on=row["listed_on"],
            sector=row["sector"],
            size=row["size"],
            kosdaq_class=row["kosdaq_class"],
            par_value=int(row["par_value"]),
        )
        if not is_on_tick(stock.base_price):
            raise ValueError(f"{stock.code}: base price {stock.base_price} is off the tick grid")
        stocks[stock.code] = stock
    return stocks
