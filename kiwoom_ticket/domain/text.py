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
