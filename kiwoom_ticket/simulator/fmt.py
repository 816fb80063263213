"""Numbers as Kiwoom writes them: strings, signed against the base price, zero-padded."""

from __future__ import annotations


def signed(price: int, base: int) -> str:
    """A price with its direction against the base: "+74100", "-60150", "70000"."""
    if price > base:
        return f"+{price}"
    if price < base:
        return f"-{price}"
    return str(price)


def signed_number(value: int) -> str:
    """A change: "+500", "-500", "0"."""
    return f"+{value}" if value > 0 else str(value)


def padded(value: int, width: int = 15) -> str:
    """Left zero-padded, the sign counted in the width: "000000000017534", "-00000000196888"."""
    return f"{value:0{width}d}"


def percent(value: float) -> str:
    """Two decimals, minus sign only: "46.25", "-52.71"."""
    return f"{value:.2f}"


def signed_percent(value: float) -> str:
    """Two decimals with a sign when not zero: "+1.25", "-0.50", "0.00"."""
    text = f"{value:.2f}"
    return text if value <= 0 or text == "0.00" else f"+{text}"
