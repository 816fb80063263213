"""Access tokens from au10001, with an expiry read as Korean wall-clock time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..domain.sessions import KST
from .secrets import mask

REFRESH_MARGIN = timedelta(minutes=10)


def parse_expires_dt(text: str) -> datetime:
    """`expires_dt` is YYYYMMDDHHmmss in KST. Comparing it as UTC misjudges expiry by 9 h."""
    return datetime.strptime(text.strip(), "%Y%m%d%H%M%S").replace(tzinfo=KST)


@dataclass(frozen=True, slots=True)
class Token:
    value: str = field(repr=False)
    expires_at: datetime
    token_type: str = "Bearer"

    def __repr__(self) -> str:
        return f"Token({mask(self.value)}, expires_at={self.expires_at.isoformat()})"

    __str__ = __repr__

    def needs_refresh(
        self, now: datetime | None = None, margin: timedelta = REFRESH_MARGIN
    ) -> bool:
        now = now or datetime.now(UTC)
        return now >= self.expires_at - margin

    @property
    def header(self) -> str:
        return f"Bearer {self.value}"
