"""App key, secret key and token: held in memory, never shown whole."""

from __future__ import annotations

from dataclasses import dataclass, field


def mask(secret: str | None, keep: int = 4) -> str:
    """'AxserEsdcredca' -> 'Axse…(14)'. Short or empty values give nothing away."""
    if not secret:
        return "(none)"
    if len(secret) <= keep * 3:
        return f"…({len(secret)})"
    return f"{secret[:keep]}…({len(secret)})"


@dataclass(frozen=True, slots=True)
class Credentials:
    appkey: str = field(repr=False)
    secretkey: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Credentials(appkey={mask(self.appkey)}, secretkey=***)"

    __str__ = __repr__

    @property
    def complete(self) -> bool:
        return bool(self.appkey.strip() and self.secretkey.strip())
