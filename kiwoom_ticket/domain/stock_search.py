"""Finding a stock by what the user remembers of it: its code, its name, part of the
name, or the name's 초성 (ㅅㅅㅈㅈ → 삼성전자). Pure: the list comes from Kiwoom (ka10099).

A query is turned into one regular expression per stock name search: a syllable stands
for itself, a lone consonant (ㅅ) for any syllable that starts with it, and a last syllable
without a final consonant (서, typed on the way to 성) for any syllable it can become.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

_SYLLABLE_FIRST, _SYLLABLE_LAST = 0xAC00, 0xD7A3
_PER_INITIAL = 588  # 21 vowels x 28 finals
_FINALS = 28
# The 19 initial consonants in Unicode syllable order, as compatibility jamo (what a
# keyboard types): syllable index // 588 is the position here.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MAX_QUERY = 40  # characters: longer text is no name


@dataclass(frozen=True, slots=True)
class Stock:
    code: str  # six characters: 005930, 0001A0
    name: str
    market: str = ""  # KOSPI, KOSDAQ


def is_syllable(ch: str) -> bool:
    return _SYLLABLE_FIRST <= ord(ch) <= _SYLLABLE_LAST


def initial_of(ch: str) -> str:
    """The initial consonant of a Hangul syllable (삼 → ㅅ); any other character as is."""
    if not is_syllable(ch):
        return ch
    return INITIALS[(ord(ch) - _SYLLABLE_FIRST) // _PER_INITIAL]


def initials(text: str) -> str:
    """Every syllable's initial consonant: 삼성전자 → ㅅㅅㅈㅈ, SK하이닉스 → SKㅎㅇㄴㅅ."""
    return "".join(initial_of(ch) for ch in text)


def _key(text: str) -> str:
    """What names and queries are compared as: no spaces, Latin case folded."""
    return "".join(text.split()).casefold()


def _syllables_from(initial: int) -> str:
    start = _SYLLABLE_FIRST + initial * _PER_INITIAL
    return f"{chr(start)}-{chr(start + _PER_INITIAL - 1)}"


def _pattern(query: str) -> re.Pattern[str] | None:
    """The query with its consonants and its open last syllable widened; None when it
    has neither (the plain comparisons already said all there is to say)."""
    parts: list[str] = []
    widened = False
    for i, ch in enumerate(query):
        at = INITIALS.find(ch)
        if at >= 0:
            parts.append(f"[{ch}{_syllables_from(at)}]")
            widened = True
        elif i == len(query) - 1 and is_syllable(ch) and (ord(ch) - _SYLLABLE_FIRST) % _FINALS == 0:
            # 서 while typing 성: the same syllable with any final consonant.
            parts.append(f"[{ch}-{chr(ord(ch) + _FINALS - 1)}]")
            widened = True
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts)) if widened else None


# Ranks, best first.
EXACT_CODE, CODE_PREFIX, EXACT_NAME, NAME_PREFIX, NAME_PART, SOUND_PREFIX, SOUND_PART = range(7)


def _joined(keys: list[str]) -> tuple[str, list[int]]:
    """The keys on one line each, and where each starts: one regular expression pass over
    the lot finds every match at C speed (no key holds a newline: _key drops whitespace)."""
    starts, at = [], 0
    for key in keys:
        starts.append(at)
        at += len(key) + 1
    return "\n".join(keys), starts


@dataclass(slots=True)
class StockDirectory:
    """The stocks one can trade, searchable. Built once per list; a search is one regular
    expression pass over all codes and one or two over all names (about a millisecond for
    3,000 stocks), and Python work only for the stocks that match."""

    stocks: tuple[Stock, ...]
    _codes: tuple[str, list[int]] = field(init=False, repr=False)
    _names: tuple[str, list[int]] = field(init=False, repr=False)
    _name_keys: list[str] = field(init=False, repr=False)
    _by_code: dict[str, Stock] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.stocks = tuple(self.stocks)
        self._codes = _joined([_key(s.code) for s in self.stocks])
        self._name_keys = [_key(s.name) for s in self.stocks]
        self._names = _joined(self._name_keys)
        self._by_code = {s.code: s for s in self.stocks}

    def __len__(self) -> int:
        return len(self.stocks)

    def by_code(self, code: str) -> Stock | None:
        return self._by_code.get(code.strip().upper())

    def search(self, query: str, limit: int = 20) -> list[Stock]:
        """The best `limit` matches: the exact code, codes that start with the query,
        the exact name, names that start with it, names holding it, then the same two
        by 초성 or a half-typed last syllable. Within a rank: where the match starts,
        shorter names first, then by code (the same query always gives the same list)."""
        q = _key(query)[:MAX_QUERY]
        if not q or limit <= 0:
            return []
        best: dict[int, tuple[int, int]] = {}  # stock index -> (rank, where the match starts)

        def collect(pattern: re.Pattern[str], joined: tuple[str, list[int]], rank: Any) -> None:
            text, starts = joined
            for m in pattern.finditer(text):
                i = bisect_right(starts, m.start()) - 1
                if i not in best:  # the first (leftmost) match of a key, best rank first
                    best[i] = rank(i, m.start() - starts[i])

        n = len(q)
        collect(re.compile("^" + re.escape(q), re.M), self._codes,
                lambda i, _at: (EXACT_CODE if len(self.stocks[i].code) == n else CODE_PREFIX, 0))
        collect(re.compile(re.escape(q)), self._names,
                lambda i, at: (EXACT_NAME if at == 0 and len(self._name_keys[i]) == n
                               else NAME_PREFIX if at == 0 else NAME_PART, at))
        sound = _pattern(q)
        if sound is not None:
            collect(sound, self._names,
                    lambda _i, at: (SOUND_PREFIX if at == 0 else SOUND_PART, at))
        ranked = heapq.nsmallest(limit, best.items(), key=lambda item: (
            *item[1], len(self._name_keys[item[0]]), self.stocks[item[0]].code))
        return [self.stocks[i] for i, _ in ranked]
