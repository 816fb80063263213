"""The window on Kiwoom's WebSocket (the practice exchange's): a fill moves its row with
no poll, the quote line follows trades, the light says live / reconnecting / down, a
reconnect in the middle of a fill loses nothing, R10001 is said in words, and a refused
token is renewed without the user."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.domain.status import OrderStatus
from kiwoom_ticket.domain.ticks import step_ticks
from kiwoom_ticket.service.factory import PRACTICE_CREDENTIALS
from kiwoom_ticket.ui.order_log_model import Column
from tests.sim.ws import RawWs

from .helpers import run

STOCK = "005930"


def wait_live(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    qtbot.waitUntil(lambda: not window.session.core.stream.catching_up, timeout=10_000)
    assert window.env_bar.stream.text() == "◉ 실시간"


def place_resting(qtbot, window, qty: int = 2):
    quote = run(qtbot, window.session.quote(STOCK))
    price = step_ticks(quote.current, -8)
    [placed] = run(qtbot, window.session.place(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, qty, "0", price), quote.name))
    assert placed.status is OrderStatus.ACCEPTED
    return placed


def row_status(window, local_id: str) -> str:
    row = window.model.row_of(local_id)
    return window.model.index(row, int(Column.STATUS)).data()


def test_a_fill_moves_its_row_live_with_no_poll(window, qtbot, practice_sim):
    wait_live(qtbot, window)
    practice_sim.market.freeze()
    try:
        placed = place_resting(qtbot, window)
        polls = practice_sim.received("ka10075") + practice_sim.received("ka10076")
        practice_sim.market.set_price(STOCK, placed.price)
        qtbot.waitUntil(lambda: row_status(window, placed.local_id) == "체결", timeout=5_000)
        # The stream moved it: the poll read neither list meanwhile.
        assert practice_sim.received("ka10075") + practice_sim.received("ka10076") == polls
    finally:
        practice_sim.market.unfreeze()
    row = window.model.row_of(placed.local_id)
    record = window.model.record(row)
    assert record.filled_qty == 2 and record.avg_fill_price == placed.price


def test_the_quote_line_follows_live_trades(window, qtbot, practice_sim):
    wait_live(qtbot, window)
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    qtbot.keyClicks(buy.stock, STOCK)
    qtbot.waitUntil(lambda: buy.current_price() is not None, timeout=10_000)
    # The ticket's stock is registered for trades (REG 0B/0D) on the window's session.
    qtbot.waitUntil(lambda: any(["0B", STOCK] in s["registrations"].get("2", [])
                                for s in practice_sim.realtime.sessions()), timeout=5_000)
    practice_sim.market.freeze()
    try:
        target = step_ticks(buy.current_price(), 3)
        quotes = practice_sim.received("ka10001")
        practice_sim.market.set_price(STOCK, target)
        qtbot.waitUntil(lambda: buy.current_price() == target, timeout=3_000)
        assert practice_sim.received("ka10001") == quotes  # the trade, not a lookup
    finally:
        practice_sim.market.unfreeze()
    assert f"{target:,}" in buy.quote_line.buttons["current"].text()
    # the time and the volume follow at most 4 times a second, the latest last
    qtbot.waitUntil(lambda: "거래량" in buy.quote_line.time.text(), timeout=3_000)


def test_a_reconnect_in_the_middle_of_a_fill_loses_nothing(window, qtbot, practice_sim):
    wait_live(qtbot, window)
    practice_sim.market.freeze()
    try:
        placed = place_resting(qtbot, window, qty=3)
        seen: list[str] = []
        window.session.stream_changed.connect(lambda s: seen.append(s.state))
        practice_sim.realtime.faults.drop()  # the fill's frames are cut off unsent
        practice_sim.market.set_price(STOCK, placed.price)
        qtbot.waitUntil(lambda: row_status(window, placed.local_id) == "체결", timeout=15_000)
        qtbot.waitUntil(lambda: window.session.stream_live, timeout=10_000)
    finally:
        practice_sim.realtime.faults.clear()
        practice_sim.market.unfreeze()
    assert "reconnecting" in seen and seen[-1] == "live"
    assert window.model.record(window.model.row_of(placed.local_id)).filled_qty == 3


def test_another_program_taking_the_session_is_said_and_the_poll_takes_over(
        window, qtbot, practice_sim):
    wait_live(qtbot, window)

    async def other_program():
        async with RawWs(practice_sim.ws_url) as ws:
            ws.echo_pings = True
            await ws.login(practice_sim.issue_token(PRACTICE_CREDENTIALS.appkey))

    run(qtbot, other_program())
    qtbot.waitUntil(lambda: "끊김" in window.env_bar.stream.text(), timeout=5_000)
    text = window.status_line.text()
    assert "같은 앱키" in text and "Another program" not in text and "연습 거래소" in text
    assert "R10001" in window.env_bar.stream.toolTip()
    # Down: the poll moves orders on again.
    practice_sim.market.freeze()
    try:
        placed = place_resting(qtbot, window)
        practice_sim.market.set_price(STOCK, placed.price)
        qtbot.waitUntil(lambda: row_status(window, placed.local_id) == "체결", timeout=10_000)
    finally:
        practice_sim.market.unfreeze()
    assert not window.session.stream_live  # it did not fight for the session


def test_a_token_refused_while_connected_is_renewed(window, qtbot, practice_sim):
    wait_live(qtbot, window)
    old = window.session.token.value
    seen: list = []
    window.session.stream_changed.connect(lambda s: seen.append((s.state, s.code, s.reason)))
    practice_sim.tokens.expire(old)
    practice_sim.realtime.drop()
    qtbot.waitUntil(lambda: window.session.stream_live and window.session.token.value != old,
                    timeout=15_000)
    # Renewed by the stream's refused LOGIN (805004), or first by a REST call's 8005:
    # either way the stream is back on a token the exchange takes.
    assert seen[-1][0] == "live", seen
    placed = place_resting(qtbot, window)  # orders carry on with the new token
    assert placed.ord_no


def test_a_lost_reply_is_settled_by_the_stream_without_f5(window, qtbot, practice_sim):
    """The reply never came (outcome unknown), but the exchange's 접수 did: the order is
    looked up in the exchange's lists within seconds, with no poll and no F5, and it is
    never sent again."""
    wait_live(qtbot, window)
    window.poll_timer.stop()
    quote = run(qtbot, window.session.quote(STOCK))
    received = practice_sim.received("kt10000")
    practice_sim.faults.inject(api_id="kt10000", kind="drop_after_accept", count=1)
    [lost] = run(qtbot, window.session.place(
        NewOrder(Action.BUY, Exchange.KRX, STOCK, 1, "0", step_ticks(quote.current, -15)),
        quote.name))
    assert lost.status is OrderStatus.UNKNOWN
    qtbot.waitUntil(lambda: row_status(window, lost.local_id) == "접수", timeout=10_000)
    assert window.model.record(window.model.row_of(lost.local_id)).ord_no
    assert practice_sim.received("kt10000") == received + 1


def _trade_frame(price: str) -> str:
    import json

    return json.dumps({"trnm": "REAL", "data": [{"type": "0B", "name": "주식체결", "item": STOCK,
                       "values": {"20": "100000", "10": price, "11": "+0", "13": "1",
                                  "15": "+1"}}]})


@pytest.mark.expect_log("bad frame dropped")
def test_a_4000_digit_price_leaves_the_quote_line_and_the_stream_standing(window, qtbot,
                                                                          practice_sim):
    wait_live(qtbot, window)
    buy = window.buy_form
    window.tabs.setCurrentWidget(buy)
    qtbot.keyClicks(buy.stock, STOCK)
    qtbot.waitUntil(lambda: buy.current_price() is not None, timeout=10_000)
    qtbot.waitUntil(lambda: any(["0B", STOCK] in s["registrations"].get("2", [])
                                for s in practice_sim.realtime.sessions()), timeout=5_000)
    seen: list[int] = []  # every live trade price the window was handed
    window.session.trades_changed.connect(lambda trades: seen.extend(
        t.price for t in trades.values()))
    practice_sim.market.freeze()
    try:
        before = buy.current_price()
        practice_sim.realtime.send_raw(_trade_frame("+" + "9" * 4_000))
        target = step_ticks(before, 2)
        practice_sim.market.set_price(STOCK, target)  # a true trade after it
        qtbot.waitUntil(lambda: buy.current_price() == target, timeout=5_000)
    finally:
        practice_sim.market.unfreeze()
    assert window.session.stream_live and window.env_bar.stream.text() == "◉ 실시간"
    assert seen and max(seen) < 10**9  # the bad price never reached the quote line


@pytest.mark.expect_log("token not renewed")
def test_another_program_taking_the_token_twice_stops_the_renewals_and_says_so(
        window, qtbot, practice_sim):
    wait_live(qtbot, window)
    practice_sim.tokens.one_per_key = True  # Kiwoom, as reported: one token per app key
    window.poll_timer.stop()
    try:
        issued = practice_sim.received("au10001")
        practice_sim.issue_token(PRACTICE_CREDENTIALS.appkey)  # another program: ours dies
        practice_sim.realtime.drop()
        # Refused at LOGIN: renewed once (the other program loses its token now)...
        qtbot.waitUntil(lambda: window.session.stream_live
                        and practice_sim.received("au10001") == issued + 1, timeout=15_000)
        practice_sim.issue_token(PRACTICE_CREDENTIALS.appkey)  # ...and it takes it again
        practice_sim.realtime.drop()
        qtbot.waitUntil(lambda: "끊김" in window.env_bar.stream.text(), timeout=15_000)
    finally:
        practice_sim.tokens.one_per_key = False
    # Not a second time in the window: the app stopped and says why, in both languages.
    assert practice_sim.received("au10001") == issued + 1
    text = window.status_line.text()
    assert "같은 앱키" in text and "Another program" not in text and "로그아웃 후 다시 연결" in text
    tip = window.env_bar.stream.toolTip()
    assert "다른 프로그램이 같은 앱키를 사용 중" in tip and "another program" not in tip.lower()
    assert not window.session.stream_live


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_message_too_big_is_said_in_words_and_the_stream_comes_back(window, qtbot,
                                                                       practice_sim, lang):
    from kiwoom_ticket.ui.i18n import language

    wait_live(qtbot, window)
    language.set(lang)
    window.retranslate()
    tips: list[str] = []  # the light's tooltip after each change (its slot runs first)
    window.session.stream_changed.connect(lambda s: tips.append(window.env_bar.stream.toolTip()))
    practice_sim.realtime.send_raw(_trade_frame("+1" + "0" * (10 * 1024 * 1024)))
    qtbot.waitUntil(lambda: len(tips) >= 2 and window.session.stream_live, timeout=15_000)
    said = tips[0]  # reconnecting: why, in both languages, the trader's first
    first, second = (("메시지가 너무 큼 (10 MB)", "message too big (10 MB)") if lang == "ko"
                     else ("message too big (10 MB)", "메시지가 너무 큼 (10 MB)"))
    assert first in said and second not in said and "unknown" not in said  # one language
