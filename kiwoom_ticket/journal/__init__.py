"""The write-ahead order journal (SQLite). No Qt."""

from .store import Journal

__all__ = ["Journal"]
