"""Kiwoom's error codes in plain words: the packaged table covers the spec's codes and
every reject the practice exchange can send."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.error_texts import known_codes, plain_error
from kiwoom_ticket.simulator.errors import AUTH_HEADER_TEXTS, OAUTH_TEXTS, REJECT_TEXTS

# The codes of the REST spec's error table (error_codes.tsv), all 37.
SPEC_CODES = {
    "1501", "1504", "1505", "1511", "1512", "1513", "1514", "1515", "1516", "1517", "1687",
    "1700", "1701", "1702", "1901", "1902", "1903", "1999", "8001", "8002", "8003", "8005",
    "8006", "8009", "8010", "8011", "8012", "8015", "8016", "8020", "8030", "8031", "8040",
    "8050", "8103", "8104", "8200",
}


def test_every_spec_code_and_every_practice_reject_has_plain_words():
    sim_codes = {*REJECT_TEXTS, *map(str, AUTH_HEADER_TEXTS), *map(str, OAUTH_TEXTS)}
    assert SPEC_CODES | sim_codes <= known_codes()


@pytest.mark.parametrize("code", sorted(SPEC_CODES | set(REJECT_TEXTS)))
def test_each_text_is_bilingual_and_says_no_raw_code(code):
    text = plain_error(code)
    assert text is not None and text.ko and text.en and text.ko != text.en
    assert code not in text.ko + text.en


def test_lookups():
    assert "없는 종목" in plain_error("1902").ko
    assert "already finished" in plain_error("rc4061").en
    assert plain_error(None) is None and plain_error("") is None and plain_error("4242") is None
