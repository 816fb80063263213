"""Korean particles that follow the word before them: 삼성전자를, 5주를, KRX로, 실전으로.

Korean picks 을/를, 은/는, 이/가, 과/와 and (으)로 by whether the last syllable ends in a
consonant (받침); (으)로 also takes 로 after ㄹ. A message written "을(를)" reads like a
form; these functions write the one a Korean would write (a Text's placeholder names
its particle: "{env:으로}", domain/text.py). Digits and Latin letters are
read aloud as a Korean reads them ("5" 오, "KRX" 케이알엑스, "L" 엘)."""

from __future__ import annotations

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the final-consonant index of ㄹ

# How the last digit is read: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구.
# Final consonant: None (vowel), "l" (ㄹ), "c" (another consonant).
_DIGIT = {"0": "c", "1": "l", "2": None, "3": "c", "4": None, "5": None, "6": "c",
          "7": "l", "8": "l", "9": None}
# Latin letters as said in Korean: L 엘, M 엠, N 엔, R 알; the rest end in a vowel.
_LATIN = {"l": "l", "m": "c", "n": "c", "r": "l"}

# particle: (after a consonant, after a vowel)
_PAIRS = {"을": ("을", "를"), "를": ("을", "를"), "은": ("은", "는"), "는": ("은", "는"),
          "이": ("이", "가"), "가": ("이", "가"), "과": ("과", "와"), "와": ("과", "와"),
          "으로": ("으로", "로"), "로": ("으로", "로"), "이다": ("이다", "다"),
          "이에요": ("이에요", "예요")}


# The particles a text may name after a placeholder: "{stock:을}", "{env:으로}" (text.py).
PARTICLES = frozenset(_PAIRS)


def final_sound(word: str) -> str | None:
    """None when `word` ends in a vowel, "l" in ㄹ, "c" in another consonant. Trailing
    spaces, brackets and punctuation are skipped ("삼성전자(005930)" ends in 자)."""
    for ch in reversed(word.strip()):
        if ch in ")]}>\"'.,·%" or ch.isspace():
            continue
        code = ord(ch)
        if _HANGUL_FIRST <= code <= _HANGUL_LAST:
            final = (code - _HANGUL_FIRST) % 28
            return None if final == 0 else ("l" if final == _RIEUL else "c")
        if ch in _DIGIT:
            return _DIGIT[ch]
        if ch.isascii() and ch.isalpha():
            return _LATIN.get(ch.lower())
        return None
    return None


def particle(word: str, name: str) -> str:
    """The form of particle `name` (either spelling: "을" or "를") that follows `word`."""
    after_consonant, after_vowel = _PAIRS[name]
    sound = final_sound(word)
    if after_consonant == "으로":
        return "으로" if sound == "c" else "로"
    return after_vowel if sound is None else after_consonant


def attach(word: str, name: str) -> str:
    """`word` with its particle: attach("삼성전자", "을") == "삼성전자를"."""
    return f"{word}{particle(word, name)}"
