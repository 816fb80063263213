"""The window's one style sheet (theme.WINDOW_STYLE) gives each order form its look:
buy red, sell blue, modify/cancel grey submit buttons, and the buy/sell tints."""

from __future__ import annotations

import pytest

SUBMIT = {"BUY": "#d32f2f", "SELL": "#1565c0", "MODIFY": "#455a64", "CANCEL": "#455a64"}
TINT = {"BUY": "#fff3f3", "SELL": "#eef4fd"}


def _centre(widget) -> str:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, 3).name()  # above the label's text


@pytest.mark.parametrize("index", range(4))
def test_each_form_is_painted_in_its_colours(window, qtbot, index):
    window.show()
    window.tabs.setCurrentIndex(index)
    form = window.forms[index]
    qtbot.waitUntil(form.isVisible)
    assert _centre(form.submit_button) == SUBMIT[form.action.name]
    if form.action.name in TINT:
        image = form.grab().toImage()
        assert image.pixelColor(image.width() - 3, image.height() - 3).name() == \
            TINT[form.action.name]
