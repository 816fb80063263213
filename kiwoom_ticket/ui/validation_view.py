"""A ticket's validation view: the message box under each of its fields, and a report
(from `domain.send_decision.decide`) shown across them, each issue next to its field in
the trader's language (rule 8)."""

from __future__ import annotations

from ..domain.ticket_report import Issue
from ..domain.validation import Field, Report
from .fields import FieldBox


class ValidationView:
    def __init__(self) -> None:
        # Every field of the tab by what it holds; the form adds them as it builds them.
        self.boxes: dict[Field, FieldBox] = {}

    def add(self, field: Field, box: FieldBox) -> FieldBox:
        self.boxes[field] = box
        return box

    def show_report(self, report: Report) -> None:
        """Each field shows what `report` says of it, and nothing else (an earlier
        message of a field the report no longer names goes)."""
        for field, box in self.boxes.items():
            box.show_issues(report.for_field(field))

    def show(self, field: Field, issues: tuple[Issue, ...]) -> None:
        self.boxes[field].show_issues(issues)

    def clear(self, *fields: Field) -> None:
        """Empty the messages of `fields` (all of them when none is named)."""
        for field in fields or tuple(self.boxes):
            if field in self.boxes:
                self.boxes[field].clear_issues()

    def retranslate(self) -> None:
        """The language changed: every message again in the new one."""
        for box in self.boxes.values():
            box.show_messages()
