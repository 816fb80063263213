"""A watch moves onto the next trading day by itself only when it saw the day before:
trading days it never saw may have moved the base price and moved it back."""

from kiwoom_ticket.domain.session_clock import trading_days_between
from kiwoom_ticket.domain.watches import (
    TriggerUnit,
    Verdict,
    Watch,
    WatchKind,
    WatchState,
    observe,
)


def stop_loss(day: str, price: int = 100_000) -> Watch:
    return Watch("w1", "practice", "005930", WatchKind.STOP_LOSS, TriggerUnit.PRICE, 95_000,
                 price, 1, day, price, last_price=price)


def test_trading_days_between_skips_weekends_and_holidays():
    assert not trading_days_between("20261204", "20261207")  # Friday → Monday
    assert trading_days_between("20261207", "20261209")  # Monday → Wednesday
    assert not trading_days_between("20261207", "20261208")  # the next day
    assert not trading_days_between("20261224", "20261228")  # Christmas, then the weekend
    assert not trading_days_between("20261206", "20261206.1")  # a practice reset: same date
    assert trading_days_between("20261204", "garbled")  # can't tell: assume the worst


def test_the_next_trading_day_with_the_same_base_moves_the_watch_on_and_it_fires():
    seen = observe(stop_loss("20261207"), 94_000, "20261208", 100_000, "09:00:01")
    assert seen.verdict is Verdict.FIRE and seen.watch.trade_day == "20261208"


def test_a_day_it_never_saw_makes_it_ask_even_with_the_old_base_back():
    # Tuesday's base was 80,000 (권리락) and Wednesday's is 100,000 again: unseen, it asks.
    seen = observe(stop_loss("20261207"), 94_000, "20261209", 100_000, "09:00:01",
                   missed_days=trading_days_between("20261207", "20261209"))
    assert seen.verdict is Verdict.ASK and seen.watch.state is WatchState.ASKING
    assert "20261207 → 20261209" in seen.watch.message


def test_a_watch_paused_over_a_base_price_change_asks_once_armed_again():
    """Found by the protection machine: paused on Monday (100,000), the watch saw
    Tuesday's trades after a 2:1 split (base 50,000), the last at 50,000; armed again,
    it took that price for Monday's close, moved onto Tuesday and sold on the split
    price. The close it compares a new day's base with is its own day's."""
    paused = stop_loss("20261207").moved(state=WatchState.PAUSED)
    seen = observe(paused, 50_000, "20261208", 50_000, "09:00:01")
    assert seen.verdict is Verdict.NONE and seen.watch.trade_day == "20261207"
    armed = seen.watch.moved(state=WatchState.ARMED)
    again = observe(armed, 50_100, "20261208", 50_000, "09:00:02")
    assert again.verdict is Verdict.ASK and again.watch.state is WatchState.ASKING
