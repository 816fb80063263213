"""The app's one text mechanism: a piece of user-facing text in Korean and English, kept
together from where it is written (domain, kiwoom, service) to the widget that shows it
in the trader's language (ui/i18n.pick; the UI's catalogue is a table of these).

Placeholders are filled language by language (`Text.format`): a Text among the values
goes into its own language, and a Korean placeholder may name the particle that follows
the value, chosen by its final sound: "{env:으로} 전환" reads "실전으로 전환" and
"KRX로 전환", "{no:이} 없어" reads "0000005가 없어" (domain/korean.py), never "을(를)".
Where one string must carry both languages (the log, str() of an exception, a message
the journal keeps), it is "한국어 / English" (`str(text)`), read back by
`Text.from_journal`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .korean import PARTICLES, attach

# Two languages in one string: "한국어 / English" (journal_text); messages joined " · ".
_BOTH = " / "
_JOINED = " · "
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_PARTICLE_FIELD = re.compile(r"\{[^{}:]*:(?:" + "|".join(sorted(PARTICLES)) + r")\}")


@dataclass(frozen=True, slots=True)
class Text:
    ko: str
    en: str

    def __str__(self) -> str:
        """Both languages, for the log, an exception's str() and the journal."""
        return f"{self.ko}{_BOTH}{self.en}"

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    @classmethod
    def same(cls, s: str) -> Text:
        """Text that reads the same in both languages (a code, a number, a name)."""
        return cls(s, s)

    def __add__(self, other: Text | str) -> Text:
        """Joined language by language, so that a line built of parts stays in one
        language when shown (never "매수 / Buy" pieces glued together)."""
        o = other if isinstance(other, Text) else Text(other, other)
        return Text(self.ko + o.ko, self.en + o.en)

    def __radd__(self, other: str) -> Text:
        return Text(other + self.ko, other + self.en)

    def format(self, **values: object) -> Text:
        """Placeholders filled language by language: a Text among `values` goes into its
        own language; "{name:을}", "{name:으로}" ... (Korean) add the particle that follows
        the value; the English ignores a particle ("{name:으로}" there is "{name}")."""
        if not values:
            return self
        return Text(_fill(self.ko, "ko", values), _fill(self.en, "en", values))

    @classmethod
    def from_journal(cls, message: str) -> Text:
        """A message the journal keeps (or an exception's line) as a Text: "한국어 /
        English" split, messages joined with " · " split each; a text in one language
        (Kiwoom's own reply, a library's English) is the same in both."""
        t = message.strip()
        if _JOINED in t:
            return join(_JOINED, [cls.from_journal(p) for p in t.split(_JOINED)])
        ko, sep, en = t.partition(_BOTH)
        if not sep or not _HANGUL.search(ko) or _HANGUL.search(en):
            return cls(t, t)
        return cls(ko.strip(), en.strip())


def _fill(template: str, lang: str, values: Mapping[str, object]) -> str:
    """One language's template filled: str.format, unless a field names a particle."""
    said = {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()}
    if ":" in template and _PARTICLE_FIELD.search(template):
        return _FORMATTERS[lang].vformat(template, (), said)
    return template.format(**said)


class _LanguageFormatter(string.Formatter):
    """str.format for one language of a Text, where a particle name as a format spec
    attaches the particle (Korean) or nothing (English)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in PARTICLES:
            said = format(value)
            return attach(said, format_spec) if self.lang == "ko" else said
        return str(format(value, format_spec))


_FORMATTERS = {"ko": _LanguageFormatter("ko"), "en": _LanguageFormatter("en")}


def join(sep: str, parts: Sequence[Text | str]) -> Text:
    """`sep.join(parts)`, language by language."""
    texts = [p if isinstance(p, Text) else Text(p, p) for p in parts]
    return Text(sep.join(t.ko for t in texts), sep.join(t.en for t in texts))


def journal_text(text: Text) -> str:
    """How the journal keeps one of the app's own messages: both languages in one string
    ("한국어 / English"), so that a journal reads the same whatever the UI's language;
    the UI shows one of them (Text.from_journal)."""
    return str(text)


def with_text(error: type[Exception], text: Text) -> Exception:
    """`error` (ValueError, RuntimeError ...) carrying `text` as `.text`, so that the UI
    says it in the trader's language (text_of); its str() (for the log) has both."""
    exc = error(str(text))
    # Any exception class may carry the app's words; text_of() reads them back typed.
    exc.text = text  # type: ignore[attr-defined]  # as above
    return exc


def text_of(exc: BaseException) -> Text | None:
    """The app's own words an exception carries (with_text, KiwoomError), if any."""
    said = getattr(exc, "text", None)
    return said if isinstance(said, Text) else None


TEXT_LIMIT = 300


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """`text` cut to `limit` characters, marked when cut: a server's message is shown,
    logged and journaled, and a hostile one can be megabytes long."""
    text = " ".join(str(text).split()) if len(text) > limit else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count_en(n: int, one: str, many: str | None = None) -> str:
    """English with the right number: "1 share", "2 shares", "1,000 shares"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def ticks_en(n: int) -> str:
    """A signed tick distance in English: "+1 tick", "-3 ticks"."""
    return f"{n:+d} {'tick' if abs(n) == 1 else 'ticks'}"
