"""Suite-wide test settings. Area fixtures live in tests/<area>/conftest.py."""

import os
import sys

# Set before anything imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if sys.platform == "win32":
    # Offscreen on Windows finds fonts only in QT_QPA_FONTDIR (see app.offscreen_font_dir).
    os.environ.setdefault(
        "QT_QPA_FONTDIR",
        os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "fonts"),
    )
# Keep the app's files (journal, logs, settings) out of the real user directories.
os.environ.setdefault("KIWOOM_TICKET_HOME", os.path.join(os.path.dirname(__file__), ".home"))


# ---- no warning goes unnoticed ------------------------------------------------------
# qutebrowser's rule: a test that logs a WARNING (or worse), or leaves an exception
# unhandled in an asyncio task, fails, unless it declares the warning it expects with
# @pytest.mark.expect_log("text"). A failure that only lands in a log is still a failure.

import asyncio
import logging

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis's wall-clock checks (a 200 ms deadline per example, the too_slow health
# check on data generation) measure the machine, not the code: this suite runs on two
# cores shared by several people, and speed is measured in bench/ (the guide's rule).
# Every other health check stays on, and strategies stay cheap (explicit alphabets).
settings.register_profile("suite", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "expect_log(*texts): warnings this test expects (each must appear)")
    config.addinivalue_line(
        "markers", "allow_log(*texts): warnings this test may log (random faults)")


@pytest.fixture(autouse=True)
def fail_on_logged_warnings(request):
    recorder = _Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    unhandled: list[dict] = []
    loops = _watch_asyncio(unhandled)
    try:
        yield recorder
    finally:
        root.removeHandler(recorder)
        for loop, previous in loops:
            loop.set_exception_handler(previous)
    expected = [t for m in request.node.iter_markers("expect_log") for t in m.args]
    allowed = expected + [t for m in request.node.iter_markers("allow_log") for t in m.args]
    messages = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in recorder.records]
    messages += [f"unhandled in an asyncio task: {c.get('message')} {c.get('exception')!r}"
                 for c in unhandled]
    surprising = [m for m in messages if not any(t in m for t in allowed)]
    missing = [t for t in expected if not any(t in m for m in messages)]
    if surprising:
        pytest.fail("logged during the test:\n  " + "\n  ".join(surprising), pytrace=False)
    if missing:
        pytest.fail(f"expected warnings never came: {missing}", pytrace=False)


def _watch_asyncio(unhandled: list[dict]):
    """Route the current thread's event loop's unhandled exceptions into `unhandled`."""
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: unhandled.append(context))
    return [(loop, previous)]
