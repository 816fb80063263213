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
