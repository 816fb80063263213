"""Colours and style sheets. Korean convention: buy red, sell blue."""

from __future__ import annotations

from PySide6.QtGui import QColor

BUY = QColor("#d32f2f")
SELL = QColor("#1565c0")
BUY_TINT = "#fff3f3"
SELL_TINT = "#eef4fd"
REAL_RED = "#c62828"
LINEAGE_TINT = QColor("#fff3c4")
LATE_TINT = QColor("#ffcdd2")
ALERT_STYLE = "color: #b71c1c; font-weight: bold; background: #ffebee;"  # an order the app had called not taken, found at the exchange
ERROR_TEXT = "#c62828"
MUTED_TEXT = "#666666"

SUBMIT_STYLE = """
QPushButton#submit {{
    background: {color}; color: white; font-weight: bold;
    border: none; border-radius: 4px; padding: 8px 18px; min-height: 22px;
}}
QPushButton#submit:hover {{ background: {hover}; }}
QPushButton#submit:disabled {{ background: #b0b0b0; color: #eeeeee; }}
"""


def submit_style(color: str, hover: str) -> str:
    return SUBMIT_STYLE.format(color=color, hover=hover)


BUY_SUBMIT = submit_style("#d32f2f", "#b71c1c")
SELL_SUBMIT = submit_style("#1565c0", "#0d47a1")
NEUTRAL_SUBMIT = submit_style("#455a64", "#37474f")


def form_tint(background: str) -> str:
    # Only the form frame itself: child inputs keep their normal white.
    return f"QFrame#ticketForm {{ background: {background}; }}"


FIELD_ERROR_STYLE = f"color: {ERROR_TEXT}; font-size: 9pt;"
MUTED_STYLE = f"color: {MUTED_TEXT};"
REAL_BANNER_STYLE = (
    f"background: {REAL_RED}; color: white; font-weight: bold; padding: 6px; font-size: 11pt;"
)
REAL_FRAME_STYLE = f"QWidget#centralFrame {{ border: 4px solid {REAL_RED}; }}"
NORMAL_FRAME_STYLE = "QWidget#centralFrame { border: 4px solid transparent; }"


def _scoped(selector: str, sheet: str) -> str:
    """`sheet`'s QPushButton#submit rules, for the submit button inside `selector` only."""
    return sheet.replace("QPushButton#submit", f"{selector} QPushButton#submit")


# The window's one style sheet, set before its widgets exist, so each widget is styled once
# when it is first shown. A style sheet set on a widget that already has children restyles
# all of them (the frame's and the forms' own sheets cost ~40% of the window's setStyleSheet
# time at start). The rules pick widgets by object name and a property: the frame's
# "real" (bool: Kiwoom real), each order form's "ticket" (buy, sell, modify, cancel).
_FORM = 'QFrame#ticketForm[ticket="{}"]'
WINDOW_STYLE = "\n".join((
    NORMAL_FRAME_STYLE,
    f'QWidget#centralFrame[real="true"] {{ border: 4px solid {REAL_RED}; }}',
    f"{_FORM.format('buy')} {{ background: {BUY_TINT}; }}",
    f"{_FORM.format('sell')} {{ background: {SELL_TINT}; }}",
    _scoped(_FORM.format("buy"), BUY_SUBMIT),
    _scoped(_FORM.format("sell"), SELL_SUBMIT),
    _scoped(_FORM.format("modify"), NEUTRAL_SUBMIT),
    _scoped(_FORM.format("cancel"), NEUTRAL_SUBMIT),
))
