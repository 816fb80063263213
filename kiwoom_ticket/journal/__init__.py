"""The write-ahead order journal (SQLite). No Qt."""

from .store import Journal, JournalDamaged

__all__ = ["Journal", "JournalDamaged"]
