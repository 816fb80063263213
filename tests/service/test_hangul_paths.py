"""The app's files under a folder whose name is Hangul with a space (a Korean Windows user
name, C:\\Users\\홍길동), on every system: the journal, the log file, the data folders."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from kiwoom_ticket.journal import Journal
from kiwoom_ticket.service.logs import LOG_FILE, setup_logging, stop_logging
from kiwoom_ticket.service.paths import data_dir, journal_path, log_dir

HANGUL = "사용자 홍길동"


@pytest.fixture
def hangul_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / HANGUL / "kiwoom-ticket"
    monkeypatch.setenv("KIWOOM_TICKET_HOME", str(home))
    return home


def test_data_and_log_folders_are_made_under_a_hangul_path(hangul_home):
    assert data_dir() == hangul_home / "data" and data_dir().is_dir()
    assert log_dir() == hangul_home / "logs" and log_dir().is_dir()


def test_journal_opens_writes_and_reopens_under_a_hangul_path(hangul_home):
    path = journal_path("practice")
    assert HANGUL in str(path)
    journal = Journal(path)
    assert journal.all() == []
    journal.close()
    assert path.is_file()
    Journal(path).close()  # and opens again (WAL files beside it, same folder)


def test_log_file_under_a_hangul_path_keeps_hangul_text(hangul_home):
    path = setup_logging()
    try:
        assert path == hangul_home / "logs" / LOG_FILE
        logging.getLogger("kiwoom_ticket.test").info("주문 접수 %s", "삼성전자")
    finally:
        stop_logging()
    assert "주문 접수 삼성전자" in path.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32",
                    reason="on Windows the folders come from the shell (SHGetKnownFolderPath), "
                           "not from HOME; the tests above cover the same code under Hangul")
def test_default_folders_follow_a_hangul_home(tmp_path, monkeypatch):
    home = tmp_path / HANGUL
    home.mkdir()
    monkeypatch.delenv("KIWOOM_TICKET_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert os.path.expanduser("~") == str(home)
    assert data_dir().is_relative_to(home)
    assert log_dir().is_relative_to(home)
