"""A long session of signal emits must not crash the process (PySide6 6.12.0 leaks a
reference to True on every Python-side emit; see kiwoom_ticket/ui/qt_fixes.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

EMIT_MANY = """
import kiwoom_ticket.ui  # applies the guard when the binding needs it
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal

class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 1
    def columnCount(self, parent=QModelIndex()): return 1
    def data(self, index, role=0): return None

class Thing(QObject):
    changed = Signal(object)

thing, model = Thing(), Model()
for _ in range(30_000):
    thing.changed.emit(1)
    model.dataChanged.emit(model.index(0, 0), model.index(0, 0))
print("survived")
"""


def test_sixty_thousand_emits_do_not_abort_the_process():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", EMIT_MANY], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert "survived" in result.stdout
