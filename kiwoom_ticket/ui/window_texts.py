"""Texts of the 창 (window) menu and of the extra ticket windows."""

from __future__ import annotations

from ..domain.text import Text
from . import i18n

i18n.register({
    "menu.window": Text("창", "Window"),
    "menu.new_ticket": Text("새 주문창", "New order window"),
    "ticket_window.title": Text("주문창 {n}", "Order window {n}"),
})
