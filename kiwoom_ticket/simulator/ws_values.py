"""The values of Kiwoom's REAL entries, by field id, as the practice exchange sends them.

00 주문체결, 04 현물잔고, 0B 주식체결 and 0D 주식호가잔량, field ids in the spec's order
(kiwoom-realtime-notes §1.5–1.9). Everything is a string; prices carry a sign against the
day's base price ("+74100", "-60150", "70000"); quantities are plain digits. Read under
the simulator lock: these look at live orders, quotes and holdings.

Choices of the practice exchange where Kiwoom's behaviour is not on record:
- 910/911 are the order's average fill price and filled quantity so far; 914/915 this fill.
- 909 numbers the exchange's fills like kt00009's cntr_no.
- a cancel's 접수 carries the cancelled quantity as 900 and 902; its 확인 has 902 "0"
  (as OpenAPI+ did); 취소 is the exchange cancelling a rest (IOC/FOK, the day's end).
- 거부 has no order number of its own (9203 "0000000"); 919 is the reject code (RC4025).
- no commission or tax is charged (938/939 "0"), as in the REST replies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .api_market import book
from .book import NO_ORDER, SimOrder
from .core import Core
from .events import Action, Kind, OrderEvent
from .fmt import percent, signed, signed_number, signed_percent
from .market import Quote
from .positions import Position

NAMES = {"00": "주문체결", "04": "현물잔고", "0B": "주식체결", "0D": "주식호가잔량"}
STATES = {Kind.ACCEPTED: "접수", Kind.CONFIRMED: "확인", Kind.FILLED: "체결",
          Kind.CANCELLED: "취소", Kind.REJECTED: "거부"}
# 906 매매구분: the spec's names where they differ from the ticket's labels.
TRADE_NAMES = {"61": "장전시간외", "81": "장후시간외"}
VENUES = {"KRX": ("1", "KRX", "N"), "NXT": ("2", "NXT", "N"), "SOR": ("1", "KRX", "Y")}
LEVELS = 10


def order_type_text(o: SimOrder, action: str) -> str:
    """905 주문구분: "+매수", "-매도", "+매수정정", "-매도정정", "매수취소", "매도취소"."""
    side = "매수" if o.side == "buy" else "매도"
    if action == Action.CANCEL:
        return side + "취소"
    sign = "+" if o.side == "buy" else "-"
    return sign + side + ("정정" if o.is_modify else "")


def order_values(core: Core, e: OrderEvent, hhmmss: str) -> dict[str, str]:
    """00 주문체결 for one engine event."""
    o, kind = e.order, e.kind
    q = core.market.quote(o.stk_cd)
    base = q.stock.base_price
    cancel = e.action == Action.CANCEL
    if kind == Kind.REJECTED:  # a draft of the refused request
        qty, orig, remaining = o.qty, o.orig_ord_no, 0
    elif cancel:  # the cancel request's own number; the order it cancels is the original
        qty, orig, remaining = e.qty, o.ord_no, e.qty if kind == Kind.ACCEPTED else 0
    elif kind == Kind.CANCELLED:  # nothing of it works any more
        qty, orig, remaining = o.qty, o.orig_ord_no, 0
    else:
        qty, orig, remaining = o.qty, o.orig_ord_no, o.remaining
    filled = kind == Kind.FILLED
    venue, venue_name, sor = VENUES.get(o.exchange, VENUES["KRX"])
    return {
        "9201": core.config.account_no,
        "9203": NO_ORDER if kind == Kind.REJECTED else e.number,
        "9205": "",
        "9001": o.stk_cd,
        "912": "JJ",
        "913": STATES[kind],
        "302": q.stock.name,
        "900": str(qty),
        "901": str(o.price),
        "902": str(remaining),
        "903": "0" if cancel else str(o.filled_amount),
        "904": orig or NO_ORDER,
        "905": order_type_text(o, e.action),
        "906": TRADE_NAMES.get(o.trade_type) or o.tt.label.ko,
        "907": "2" if o.side == "buy" else "1",
        "908": hhmmss,
        "909": e.exec_no if filled else "",
        "910": str(o.avg_fill_price) if filled else "",
        "911": str(o.filled) if filled else "",
        "10": signed(q.price, base),
        "27": signed(q.ask, base),
        "28": signed(q.bid, base),
        "914": str(e.price) if filled else "",
        "915": str(e.qty) if filled else "",
        "938": "0",
        "939": "0",
        "919": e.reason or "0",
        "920": "",
        "921": "",
        "922": o.credit or "00",
        "923": o.loan_dt,
        "10010": "",
        "2134": venue,
        "2135": venue_name,
        "2136": sor,
    }


def _rate(numerator: int, denominator: int) -> str:
    return signed_percent(numerator * 100 / denominator) if denominator else "0.00"


def balance_values(core: Core, o: SimOrder) -> dict[str, str]:
    """04 현물잔고 of the holding (or credit lot) an order of `o`'s just traded."""
    a = core.account
    if o.credit:
        lot = a.loans.get(f"{o.stk_cd}:{o.loan_dt}")
        p = Position(o.stk_cd, lot, o.loan_dt, lot.principal) if lot else None
    else:
        h = a.holdings.get(o.stk_cd)
        p = Position(o.stk_cd, h) if h else None
    q = core.market.quote(o.stk_cd)
    base = q.stock.base_price
    h = p.h if p else None
    qty = h.qty if h else 0
    pl = (h.sold_amount_today - h.sold_cost_today) if h else 0
    pl_rate = _rate(pl, h.sold_cost_today) if h else "0.00"
    return {
        "9201": core.config.account_no,
        "9001": o.stk_cd,
        "917": p.crd_tp if p else "00",
        "916": o.loan_dt or "00000000",
        "302": q.stock.name,
        "10": signed(q.price, base),
        "930": str(qty),
        "931": str(h.avg_price) if h else "0",
        "932": str(h.cost) if h else "0",
        "933": str(h.sellable) if h else "0",
        "945": str(h.bought_today - h.sold_today) if h else "0",
        "946": "2" if o.side == "buy" else "1",
        "950": str(pl),
        "951": "0",
        "27": signed(q.ask, base),
        "28": signed(q.bid, base),
        "307": str(base),
        "8019": pl_rate,
        "957": str(p.principal) if p else "0",
        "958": "0",
        "918": (p.expiry if p else "") or "00000000",
        "990": str(pl),
        "991": pl_rate,
        "992": "0",
        "993": "0.00",
        "959": "0",
        "924": "0",
    }


@dataclass
class Tally:
    """One stock's trades today as the feed printed them (for 0B's running figures), and
    the price figures of the last print (they change only when a price does)."""

    amount: int = 0  # won
    buy_qty: int = 0
    sell_qty: int = 0
    buys: int = 0
    sells: int = 0
    key: tuple = ()
    prices: tuple[str, ...] = ()


def _sign_code(price: int, q: Quote) -> str:
    """25 전일대비기호: 1 상한가, 2 상승, 3 보합, 4 하한가, 5 하락."""
    base = q.stock.base_price
    if price == q.upper:
        return "1"
    if price == q.lower:
        return "4"
    return "2" if price > base else "5" if price < base else "3"


def trade_entry(item: str, q: Quote, t: Tally, price: int, qty: int, buy: bool, hhmmss: str,
                venue: str = "KRX") -> str:
    """A 0B 주식체결 entry, encoded, for one trade of `qty` at `price` (+ bought at the ask,
    - sold at the bid); the trade is already in `q.volume` and `t`. Built as text: this is
    the entry the exchange sends thousands of a second, and every value is digits, a sign,
    a point or a space (nothing JSON would escape)."""
    stock = q.stock
    key = (price, q.price, q.open, q.high, q.low)
    if t.key != key:
        base = stock.base_price
        change = price - base
        t.key = key
        t.prices = (
            signed(price, base), signed_number(change), signed_percent(change * 100 / base),
            signed(q.ask, base), signed(q.bid, base), signed(q.open, base), signed(q.high, base),
            signed(q.low, base), _sign_code(price, q),
            str(price * stock.listed_shares // 100_000_000),
        )
    p10, p11, p12, p27, p28, p16, p17, p18, p25, p311 = t.prices
    volume = q.volume
    side = f"+{qty}" if buy else f"-{qty}"
    flow = f"+{qty * price // 1000}" if buy else f"-{qty * price // 1000}"
    both = t.buy_qty + t.sell_qty
    lean = "+" if t.buy_qty > t.sell_qty else "-" if t.buy_qty < t.sell_qty else ""
    buy_ratio = f"{lean}{t.buy_qty * 100 / both:.2f}" if both else "0.00"
    turnover = f"{volume * 100 / stock.listed_shares:.2f}" if stock.listed_shares else "0.00"
    strength = f"{t.buy_qty * 100 / t.sell_qty:.2f}" if t.sell_qty else "0.00"
    # The side that did not trade is " 0", leading space and all, as captured from Kiwoom.
    sells, buys = (" 0", side) if buy else (side, " 0")
    average = t.amount // volume if volume else 0
    return (
        f'{{"values":{{"20":"{hhmmss}","10":"{p10}","11":"{p11}","12":"{p12}","27":"{p27}",'
        f'"28":"{p28}","15":"{side}","13":"{volume}","14":"{t.amount // 1_000_000}",'
        f'"16":"{p16}","17":"{p17}","18":"{p18}","25":"{p25}","26":"0","29":"0","30":"0.00",'
        f'"31":"{turnover}","32":"0","228":"{strength}","311":"{p311}","290":"2","691":"0",'
        f'"567":"000000","568":"000000","851":"0","1890":"090000","1891":"000000",'
        f'"1892":"000000","1030":"{t.sell_qty}","1031":"{t.buy_qty}","1032":"{buy_ratio}",'
        f'"1071":"{t.sells}","1072":"{t.buys}","1313":"{flow}","1315":"{sells}",'
        f'"1316":"{buys}","1314":"{side}","1497":"0","1498":"0","620":"{average}","732":"0",'
        f'"852":"0","9081":"{venue}"}},"type":"0B","name":"주식체결","item":"{item}"}}'
    )


def print_trade(q: Quote, t: Tally, price: int, qty: int, buy: bool) -> None:
    """Count a trade into the feed's tally (the caller has put it in the market's volume)."""
    t.amount += price * qty
    if buy:
        t.buy_qty += qty
        t.buys += 1
    else:
        t.sell_qty += qty
        t.sells += 1


def market_trade(q: Quote, rng: random.Random, liquidity: int, moved: int = 0) -> tuple[int, bool]:
    """A trade by the rest of the market: (quantity, bought?). After a move up it was a buy."""
    qty = rng.randint(1, max(1, liquidity // q.price // 20))
    buy = moved > 0 if moved else rng.random() < 0.5
    return qty, buy


@dataclass(frozen=True)
class BookShot:
    """What one 0D showed: quantities by price and the two totals (for 직전대비)."""

    by_price: dict[int, int]
    ask_total: int
    bid_total: int


def book_values(core: Core, code: str, previous: BookShot | None, hhmmss: str
                ) -> tuple[dict[str, str], BookShot]:
    """0D 주식호가잔량 from ka10004's book, with each level's change since `previous` at
    the same price; also what this one shows, for the next."""
    q = core.market.quote(code)
    base = q.stock.base_price
    asks, bids = book(core, code)
    was = previous.by_price if previous else {}
    v: dict[str, str] = {"21": hhmmss}
    for n in range(1, LEVELS + 1):
        ap, aq = asks[n - 1] if n <= len(asks) else (0, 0)
        bp, bq = bids[n - 1] if n <= len(bids) else (0, 0)
        v[str(40 + n)] = signed(ap, base) if ap else "0"
        v[str(60 + n)] = str(aq)
        v[str(80 + n)] = signed_number(aq - was.get(ap, 0)) if previous and ap else "0"
        v[str(50 + n)] = signed(bp, base) if bp else "0"
        v[str(70 + n)] = str(bq)
        v[str(90 + n)] = signed_number(bq - was.get(bp, 0)) if previous and bp else "0"
    shot = BookShot(dict(asks) | dict(bids), sum(n for _, n in asks), sum(n for _, n in bids))
    ask_total, bid_total = shot.ask_total, shot.bid_total
    v.update({
        "121": str(ask_total),
        "122": signed_number(ask_total - previous.ask_total) if previous else "0",
        "125": str(bid_total),
        "126": signed_number(bid_total - previous.bid_total) if previous else "0",
        "23": "0", "24": "0",
        "128": signed_number(bid_total - ask_total),
        "129": percent(bid_total * 100 / ask_total) if ask_total else "0.00",
        "138": signed_number(ask_total - bid_total),
        "139": percent(ask_total * 100 / bid_total) if bid_total else "0.00",
        "200": "0", "201": "0.00", "238": "3",
        "291": "0", "292": "0", "293": "3", "294": "0", "295": "0.00",
    })
    for n in range(1, LEVELS + 1):
        v[str(620 + n)] = "0"  # LP quantities: the practice market has no liquidity provider
        v[str(630 + n)] = "0"
    v.update({"13": str(q.volume), "299": "0.00", "215": "", "216": ""})
    v.update(_VENUE_SPLIT)  # KRX/NXT split of an _AL (SOR) book: one book here, so zeros
    return v, shot


# 6044–6087 KRX/NXT 호가잔량 and totals, 6100–6115 중간가 figures.
_VENUE_SPLIT = {str(fid): "0" for fid in (*range(6044, 6088), *range(6100, 6116))}
