"""A message next to a field lasts as long as its reason: "스톱가격을 입력하세요" goes when
the stop price is typed, the duplicate warning when its window has passed, and a
distance warning quotes the current price of now, not of when it was first said.

While a form shows any message, its ticket is checked again (the same pure `decide` as a
send, nothing sent) on each edit and once a second; a message whose reason is gone is
taken away, one that remains is said again with today's numbers. No message is added
here: new ones appear on the next send, as before."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit

log = logging.getLogger(__name__)

RECHECK_MS = 1_000


class StaleIssues(QObject):
    def __init__(self, form) -> None:
        super().__init__(form)
        self.form = form
        self.timer = QTimer(self)
        self.timer.setInterval(RECHECK_MS)
        self.timer.timeout.connect(self.recheck)
        for box in form.boxes.values():
            editor = box.editor
            if isinstance(editor, QLineEdit):
                editor.textChanged.connect(self._soon)
            elif isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self._soon)
            # A message shown (by a send) starts the checks; they stop when none is left.
            box.issues_shown.connect(self._follow)

    def _shown(self) -> bool:
        return any(box.issues for box in self.form.boxes.values())

    def _follow(self) -> None:
        if self._shown() and not self.timer.isActive():
            self.timer.start()

    def _soon(self, *_args: object) -> None:
        # After the form's own handlers for the same edit (they clear or fill fields).
        QTimer.singleShot(0, self, self.recheck)

    def recheck(self) -> None:
        form = self.form
        if not self._shown():
            self.timer.stop()
            return
        if getattr(form, "busy", False):
            return  # a send in progress: its own report is about to be shown
        try:
            report = form.decision().report
        except Exception as exc:  # a half-typed ticket must never raise into the loop
            log.debug("recheck skipped: %s", exc)
            return
        for f, box in form.boxes.items():
            if not box.issues:
                continue
            now = {i.code: i for i in report.for_field(f)}
            kept = tuple(now[i.code] for i in box.issues if i.code in now)
            if kept != box.issues:
                box.show_issues(kept)
        if not self._shown():
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()
