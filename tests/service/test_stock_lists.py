"""The search's stock list: fetched (ka10099) once a trading day per environment, kept in
the data folder, shared by concurrent askers; a damaged or foreign file is fetched anew."""

from __future__ import annotations

import asyncio
import json

import pytest

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.domain.stock_search import Stock
from kiwoom_ticket.kiwoom import BadResponse
from kiwoom_ticket.service.stock_lists import Abandoned, cache_path, read_cache, write_cache

from .test_app_session import core_on


def directory_of(sim, data_dir, times: int = 1):
    """Connect a fresh core, ask for the directory `times` times at once, log out."""
    worker, core = core_on(sim, data_dir)

    async def go():
        assert await core.connect(Environment.PRACTICE)
        try:
            found = await asyncio.gather(*(core.stock_directory() for _ in range(times)))
            again = await core.stock_directory()
            return found, again, core.service.today()
        finally:
            await core.logout()

    try:
        return asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)


def test_the_list_is_fetched_once_and_kept_for_the_day(sim, tmp_path):
    found, again, day = directory_of(sim, tmp_path, times=3)
    assert found[0] is found[1] is found[2] is again  # one fetch for all who asked
    assert len(found[0]) == len(sim.market.codes())
    assert found[0].search("ㅅㅅㅈㅈ")[0] == Stock("005930", "삼성전자", "KOSPI")
    path = cache_path("practice", tmp_path)
    saved = read_cache(path, "practice")
    assert saved is not None and saved[0] == day and len(saved[1]) == len(found[0])
    assert not list(tmp_path.glob("*.tmp"))  # written whole, through a temporary file
    # The next start reads the file: the exchange is not asked (it would fail now).
    sim.faults.inject(api_id="ka10099", kind="http500", count=5)
    try:
        found, _, _ = directory_of(sim, tmp_path)
        assert len(found[0]) == len(sim.market.codes())
    finally:
        sim.faults.clear()


def test_yesterdays_list_is_fetched_again(sim, tmp_path):
    path = cache_path("practice", tmp_path)
    write_cache(path, "practice", "20000101", [Stock("123450", "옛날종목", "KOSPI")])
    found, _, day = directory_of(sim, tmp_path)
    assert found[0].by_code("123450") is None and found[0].by_code("005930")
    assert read_cache(path, "practice")[0] == day


def test_yesterdays_list_is_used_when_the_exchange_cannot_send_todays(sim, tmp_path):
    path = cache_path("practice", tmp_path)
    write_cache(path, "practice", "20000101", [Stock("123450", "옛날종목", "KOSPI")])
    sim.faults.inject(api_id="ka10099", kind="http500", count=5)
    try:
        found, _, _ = directory_of(sim, tmp_path)
    finally:
        sim.faults.clear()
    assert [s.code for s in found[0].stocks] == ["123450"]


def test_no_list_at_all_is_an_error_the_caller_sees(sim, tmp_path):
    sim.faults.inject(api_id="ka10099", kind="http500", count=5)
    try:
        with pytest.raises(BadResponse):
            directory_of(sim, tmp_path)
    finally:
        sim.faults.clear()


@pytest.mark.parametrize("content", [
    b"\x00\xff garbage",
    b'{"format": 1, "env": "practice", "day": "2026',  # cut short
    json.dumps({"format": 1, "env": "mock", "day": "29991231",
                "stocks": [["123450", "남의종목", "KOSPI"]]}).encode(),
    json.dumps({"format": 1, "env": "practice", "day": "29991231",
                "stocks": [["12345", "짧은코드", "KOSPI"]]}).encode(),
    json.dumps({"format": 1, "env": "practice", "day": "29991231",
                "stocks": [[123450, "숫자코드", "KOSPI"]]}).encode(),
    json.dumps({"format": 2, "env": "practice", "day": "29991231", "stocks": []}).encode(),
    json.dumps(["not", "a", "dict"]).encode(),
])
def test_a_damaged_or_foreign_file_is_ignored_and_fetched_anew(sim, tmp_path, content):
    path = cache_path("practice", tmp_path)
    path.write_bytes(content)
    assert read_cache(path, "practice") is None
    found, _, day = directory_of(sim, tmp_path)
    assert len(found[0]) == len(sim.market.codes())
    assert read_cache(path, "practice")[0] == day  # replaced by a good one


def test_a_list_still_loading_when_the_environment_is_left_asks_nothing_more(sim, tmp_path):
    worker, core = core_on(sim, tmp_path)
    asked = sim.received("ka10099")

    async def go():
        assert await core.connect(Environment.PRACTICE)
        loading = asyncio.ensure_future(core.stock_directory())
        await asyncio.sleep(0)  # on its way
        assert await core.connect(Environment.PRACTICE)  # the service it loaded for closes
        with pytest.raises(Abandoned):
            await loading
        fresh = await core.stock_directory()  # the new service loads its own
        await core.logout()
        return fresh

    try:
        fresh = asyncio.run(go())
    finally:
        worker.stop(5.0, cancel_pending=False)
    assert len(fresh) == len(sim.market.codes())
    # The pages of the new service's two markets, and not one more.
    size = sim.config.page_size
    per_market = [sum(1 for s in fresh.stocks if s.market == m) for m in ("KOSPI", "KOSDAQ")]
    assert sim.received("ka10099") == asked + sum(-(-n // size) for n in per_market)
