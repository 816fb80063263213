"""Qt widgets and models of the ticket window. Rules live in domain; I/O in service."""

from .qt_fixes import protect_bool_refcounts

# Before any widget exists: see qt_fixes (a PySide6 6.12.0 emit refcount leak).
protect_bool_refcounts()
