"""One status channel for the whole app: what happened, how much it matters, and whether
it stays until the user's next action or is a passing note. Qt-free: the forms, the
session, the log and the window all post here; the window alone decides how it looks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..domain.text import Text
from .observer import Event


class Severity(Enum):
    INFO = "info"  # a result, a state change
    WARNING = "warning"  # not sent, refused, failed: the user should read why
    ALERT = "alert"  # money at risk (an order that turned up late): impossible to miss


@dataclass(frozen=True, slots=True)
class StatusLine:
    text: Text | str  # a Text is shown in the UI's language (and again after a switch)
    detail: Text | str = ""  # the raw detail (Kiwoom's code and text), for the tooltip
    severity: Severity = Severity.INFO
    persist: bool = True  # False: a passing note (a poll) that never replaces a result


class StatusChannel:
    def __init__(self) -> None:
        self.posted = Event()  # (StatusLine)
        self.last: StatusLine | None = None  # the last line that persists

    def post(self, text: Text | str, detail: Text | str = "", severity: Severity = Severity.INFO,
             persist: bool = True) -> StatusLine:
        line = StatusLine(text, detail, severity, persist)
        if persist:
            self.last = line
        self.posted.emit(line)
        return line
