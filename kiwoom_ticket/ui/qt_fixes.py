"""Guards against known defects of the Qt binding that would crash a long session.

PySide6 6.12.0 on Python 3.11: every `SignalInstance.emit()` returns `True` without
taking a reference, so each emit from Python drops one reference to `True`. After a few
hundred to a few thousand emits (a few minutes of trading) CPython aborts with
"bool_dealloc: deallocating True or False". 6.11.x does not do this, and Python 3.12+
is immune (bools are immortal there). Until the pin excludes 6.12.0, we detect the leak
once and give the bool singletons a reference reserve large enough for any session;
they are static objects that are never freed, so the reserve changes nothing else.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # ~10^12 leaked emits before the reserve would run out

_applied = False


def emit_leaks_true() -> bool:
    """Whether a Python-side emit drops a reference to True (measured, not assumed)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        probed = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.probed.emit()
    leaked = sys.getrefcount(True) < before - 4
    probe.deleteLater()
    return leaked


def _add_references(obj: object, n: int) -> None:
    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(obj)).value += n


def protect_bool_refcounts() -> bool:
    """Apply the reserve if this binding leaks. Returns whether it was needed."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not emit_leaks_true():
        return False
    _add_references(True, RESERVE)
    _add_references(False, RESERVE)
    _applied = True
    return True
