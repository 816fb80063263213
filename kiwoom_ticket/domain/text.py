"""A piece of user-facing text in Korean and English, kept together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    ko: str
    en: str

    def __str__(self) -> str:
        return f"{self.ko} / {self.en}"

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


def join(sep: str, parts: list[Text | str]) -> Text:
    """`sep.join(parts)`, language by language."""
    texts = [p if isinstance(p, Text) else Text(p, p) for p in parts]
    return Text(sep.join(t.ko for t in texts), sep.join(t.en for t in texts))


def journal_text(text: Text) -> str:
    """How the journal keeps one of the app's own messages: both languages in one string
    ("한국어 / English"), so that a journal reads the same whatever the UI's language;
    the UI shows one of them (ui/messages.split_bilingual)."""
    return f"{text.ko} / {text.en}"


def with_text(error: type[Exception], text: Text) -> Exception:
    """`error` (ValueError, RuntimeError ...) carrying `text` as `.text`, so that the UI
    says it in the trader's language; its str() (for the log) has both."""
    exc = error(f"{text.ko} / {text.en}")
    exc.text = text  # type: ignore[attr-defined]  # any exception class carries it; read by getattr
    return exc


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
