"""Domestic exchanges an order can be routed to (`dmst_stex_tp`)."""

from __future__ import annotations

from enum import Enum

from .text import Text


class Exchange(Enum):
    KRX = "KRX"
    NXT = "NXT"
    SOR = "SOR"

    @property
    def label(self) -> Text:
        return _LABELS[self]

    @property
    def query_code(self) -> str:
        """`stex_tp` code used by the query TRs ka10075/ka10076 (0 통합, 1 KRX, 2 NXT)."""
        return {"KRX": "1", "NXT": "2", "SOR": "0"}[self.value]

    @classmethod
    def parse(cls, value: str) -> Exchange | None:
        try:
            return cls(value.strip().upper())
        except ValueError:
            return None


_LABELS = {
    Exchange.KRX: Text("KRX 한국거래소", "KRX (Korea Exchange)"),
    Exchange.NXT: Text("NXT 넥스트레이드", "NXT (Nextrade)"),
    Exchange.SOR: Text("SOR 최선집행", "SOR (smart order routing)"),
}
