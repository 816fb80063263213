"""Stock search: codes, names, parts of names and 초성, ranked the same way every time."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiwoom_ticket.domain.stock_search import Stock, StockDirectory, initial_of, initials

SEARCH = settings(max_examples=100, deadline=None, derandomize=bool(os.environ.get("CI")),
                  suppress_health_check=[HealthCheck.too_slow])

STOCKS = StockDirectory((
    Stock("005930", "삼성전자", "KOSPI"),
    Stock("005935", "삼성전자우", "KOSPI"),
    Stock("207940", "삼성바이오로직스", "KOSPI"),
    Stock("000660", "SK하이닉스", "KOSPI"),
    Stock("035420", "NAVER", "KOSPI"),
    Stock("247540", "에코프로비엠", "KOSDAQ"),
    Stock("086520", "에코프로", "KOSDAQ"),
    Stock("0001A0", "덕양에너젠", "KOSDAQ"),
    Stock("055550", "신한지주", "KOSPI"),
    Stock("373220", "LG에너지솔루션", "KOSPI"),
))


def codes(query: str, limit: int = 20) -> list[str]:
    return [s.code for s in STOCKS.search(query, limit)]


def test_initials_of_syllables_and_other_characters():
    assert initials("삼성전자") == "ㅅㅅㅈㅈ"
    assert initials("SK하이닉스") == "SKㅎㅇㄴㅅ"
    assert initial_of("까") == "ㄲ" and initial_of("힣") == "ㅎ" and initial_of("가") == "ㄱ"
    assert initial_of("ㅅ") == "ㅅ" and initial_of("7") == "7"


def test_a_code_finds_its_stock_first_and_a_part_finds_the_codes_that_start_with_it():
    assert codes("005930") == ["005930"]
    assert codes("00593") == ["005930", "005935"]
    assert codes("0001a0") == ["0001A0"]  # letters in new codes, either case
    assert codes(" 005930 ") == ["005930"]


def test_name_prefix_ranks_before_a_name_that_only_holds_the_text():
    # 삼성: three names start with it, shortest first; nothing else holds it.
    assert codes("삼성") == ["005930", "005935", "207940"]
    # 에너지 is inside two names: the earlier match first.
    assert codes("에너") == ["0001A0", "373220"]
    assert codes("에코프로") == ["086520", "247540"]  # the exact name before a longer one


def test_latin_names_ignore_case_and_spaces():
    assert codes("naver") == ["035420"]
    assert codes("sk하이") == ["000660"]
    assert codes("삼성 전자") == ["005930", "005935"]


def test_initial_consonants_find_names():
    assert codes("ㅅㅅㅈㅈ") == ["005930", "005935"]
    assert codes("ㅎㅇㄴ") == ["000660"]  # inside SK하이닉스
    assert codes("ㅅㅎㅈㅈ") == ["055550"]
    assert codes("ㄱㄱㄱ") == []


def test_mixed_and_half_typed_queries():
    assert codes("삼ㅅㅈ") == ["005930", "005935"]  # a syllable, then initials
    assert codes("삼서") == ["005930", "005935", "207940"]  # 서 on the way to 성
    assert codes("삼바") == []  # 바 is not 성


def test_a_plain_match_ranks_before_a_sound_match():
    directory = StockDirectory((Stock("111111", "가ㄴ다"), Stock("222222", "가나다")))
    assert [s.code for s in directory.search("가ㄴ")] == ["111111", "222222"]


def test_limit_empty_and_silly_queries():
    assert len(STOCKS.search("ㅅ", limit=2)) == 2
    assert STOCKS.search("") == [] and STOCKS.search("   ") == []
    assert STOCKS.search("삼성", limit=0) == []
    assert STOCKS.search("(.*") == []  # no regular expression leaks through
    assert STOCKS.search("삼" * 500) == []
    assert STOCKS.by_code("005930") == Stock("005930", "삼성전자", "KOSPI")
    assert STOCKS.by_code("999999") is None


def test_the_same_query_gives_the_same_order_whatever_the_list_order():
    shuffled = StockDirectory(tuple(reversed(STOCKS.stocks)))
    for query in ("삼성", "ㅅ", "0", "에", "ㅇ"):
        assert [s.code for s in shuffled.search(query)] == codes(query)


# ---- properties ----------------------------------------------------------------------

syllables = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
name_chars = st.one_of(syllables, st.sampled_from("ABCXYZabcxyz0123456789&-"))
names = st.text(name_chars, min_size=1, max_size=12).filter(lambda n: n.strip())
stock_codes = st.from_regex(r"[0-9][0-9A-Z]{5}", fullmatch=True)
directories = st.lists(st.tuples(stock_codes, names), min_size=1, max_size=30,
                       unique_by=lambda t: t[0])


@SEARCH
@given(directories, st.data())
def test_every_stock_is_found_by_its_code_name_and_initials(rows, data):
    directory = StockDirectory(tuple(Stock(code, name) for code, name in rows))
    stock = data.draw(st.sampled_from(directory.stocks))
    everything = len(directory)
    assert directory.search(stock.code, 1) == [stock]
    assert stock in directory.search(stock.name, everything)
    assert stock in directory.search(initials(stock.name), everything)
    assert stock in directory.search(stock.name.lower(), everything)


@SEARCH
@given(directories, st.text(max_size=8))
def test_search_never_fails_and_never_repeats(rows, query):
    directory = StockDirectory(tuple(Stock(code, name) for code, name in rows))
    found = directory.search(query, 10)
    assert len(found) <= 10
    assert len({s.code for s in found}) == len(found)
