"""The frame and entry checks of the realtime client, against anything at all: nothing
but BadFrame ever leaves parse(), the depth found without json.loads is the depth
json.loads would build, and an entry that passes has only text in it and numbers the
quote line can do arithmetic with."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from kiwoom_ticket.kiwoom.websocket import entries, frames
from kiwoom_ticket.kiwoom.websocket.entries import (
    DIGITS,
    LIMITS,
    checked_entry,
    real_entries,
    values_in_bounds,
)

TEXT = st.text(alphabet=st.sampled_from('[]{}"\\,:ab가0 \n\u005d'), max_size=12)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=40)


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@settings(max_examples=200)
@given(JSON, st.booleans(), st.integers(1, 10))
def test_the_depth_is_found_as_json_would_build_it(value, ascii_only, limit):
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert frames.too_deep(text, limit) == (depth(value) > limit)


@settings(max_examples=200)
@given(st.text(max_size=300) | JSON.map(json.dumps))
def test_parse_gives_a_frame_or_bad_frame_and_nothing_else(text):
    try:
        frame = frames.parse(text)
    except frames.BadFrame:
        return
    assert isinstance(frame, dict) and isinstance(frame["trnm"], str)
    entries, bad = real_entries(frame)  # never raises either
    assert bad >= 0 and all(isinstance(e, frames.RealEntry) for e in entries)


NUMBERISH = st.one_of(st.from_regex(r"\A *[+-]?0*\d{0,25} *\Z"), st.integers(),
                      st.lists(st.integers(), max_size=2), st.none(), TEXT)


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from([*sorted(LIMITS), "9203", "20", "302", "x"]),
                       NUMBERISH, max_size=8),
       st.sampled_from(["0B", "00", "0D", "04", 7, "", "0B0"]),
       st.sampled_from(["005930", "005930_NX", "", "../x", 5]))
def test_a_passing_entry_holds_text_and_numbers_in_bounds(values, type_, item):
    entry = checked_entry({"type": type_, "item": item, "name": "x", "values": values})
    if entry is None:
        return
    assert all(isinstance(v, str) for v in entry.values.values())
    for fid, limit in LIMITS.items():
        if fid in entry.values:
            assert abs(entry.number(fid)) < limit
            float(entry.number(fid) * 100) / 3  # the quote line's arithmetic holds
    if entry.get("9203").strip():
        assert len(entry.get("9203").strip()) == 7


# Values near every edge of the rules: blanks (ASCII and not), signs, leading zeros, the
# longest allowed and one more, non-ASCII digits, the pattern's own separator.
EDGY = st.lists(st.sampled_from(["", " ", "\t", "\u00a0", "+", "-", "0", "000", "7", "٣",
                                 "1234567", "123456", "99999999999999999", "x", "\x00",
                                 "- ", " +"]), max_size=5).map("".join)


@settings(max_examples=500)
@given(st.dictionaries(st.sampled_from([*sorted(LIMITS), *DIGITS, "302", "9001"]), EDGY,
                       min_size=1, max_size=8))
def test_the_pattern_of_a_known_layout_says_what_the_field_by_field_rule_says(values):
    """An entry of a known layout is checked by one pattern (speed); past MAX_SHAPES
    layouts, field by field: both must agree with the rule on every value."""
    entry = {"type": "0B", "item": "005930", "name": "", "values": values}
    entries._shapes.clear()
    by_pattern = checked_entry(entry)
    assert tuple(values) in entries._shapes
    limit = entries.MAX_SHAPES
    entries._shapes.clear()
    entries.MAX_SHAPES = 0
    try:
        by_field = checked_entry(entry)
    finally:
        entries.MAX_SHAPES = limit
    assert not entries._shapes
    assert (by_pattern is not None) == (by_field is not None) == values_in_bounds(values)


@settings(max_examples=500)
@given(st.dictionaries(st.sampled_from([*sorted(LIMITS), *DIGITS, "302", "9001"]), EDGY,
                       min_size=1, max_size=8))
def test_the_plain_values_pattern_takes_only_what_the_rule_takes(values):
    """Issue 26: values as Kiwoom writes them pass by a quicker pattern first; it may
    send a value on to the whole rule, never take one the rule refuses."""
    entries._shapes.clear()
    checked, _rule, plain = entries._shape(tuple(values))
    entries._shapes.clear()
    if plain is None:
        return
    joined = entries.SEPARATOR.join(values[fid] for fid in checked)
    if plain.fullmatch(joined) is not None:
        assert values_in_bounds(values)


def test_plain_values_pass_the_quick_pattern():
    values = {"10": "+71200", "13": "1234567", "20": "093015", "15": "-50", "9203": "",
              "41": "71300"}
    entries._shapes.clear()
    checked, _rule, plain = entries._shape(tuple(values))
    assert plain is not None
    assert plain.fullmatch(entries.SEPARATOR.join(values[fid] for fid in checked))
    assert checked_entry({"type": "0B", "item": "005930", "name": "", "values": values})
