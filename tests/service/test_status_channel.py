"""The one status channel: a passing note never replaces the line that persists."""

from kiwoom_ticket.service.status import Severity, StatusChannel


def test_passing_notes_leave_the_last_result_in_place():
    channel = StatusChannel()
    seen = []
    channel.posted.connect(seen.append)
    channel.post("거부 / Rejected", "RC4003", Severity.WARNING)
    channel.post("갱신 / refreshed", persist=False)
    assert channel.last.text == "거부 / Rejected" and channel.last.detail == "RC4003"
    assert [line.persist for line in seen] == [True, False]
    channel.post("⚠ late", severity=Severity.ALERT)
    assert channel.last.severity is Severity.ALERT
