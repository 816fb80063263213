"""Suite-wide test settings. Area fixtures live in tests/<area>/conftest.py."""

import os

# Set before anything imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the app's files (journal, logs, settings) out of the real user directories.
os.environ.setdefault("KIWOOM_TICKET_HOME", os.path.join(os.path.dirname(__file__), ".home"))
