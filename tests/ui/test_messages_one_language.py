"""Issue 24: the app's own messages from kiwoom/ and service/ are Text (said in one
language), and a journaled message joined of two reads in one language too."""

from __future__ import annotations

from kiwoom_ticket.domain.text import Text, with_text
from kiwoom_ticket.kiwoom.errors import NotSent
from kiwoom_ticket.service.settle import EXPIRED_MESSAGE, FOUND_MESSAGE
from kiwoom_ticket.ui.messages import error_text, split_bilingual


def test_a_kiwoom_error_of_the_apps_own_words_is_a_text():
    exc = NotSent(Text("토큰을 받지 못해 보내지 않았습니다 (연결하지 못했습니다)",
                       "Not sent: no token (Could not connect)"), api_id="kt10000",
                  cause="MaxRetryError")
    said = error_text(exc)
    assert said.ko == "토큰을 받지 못해 보내지 않았습니다 (연결하지 못했습니다)"
    assert said.en == "Not sent: no token (Could not connect)"
    assert "MaxRetryError" in str(exc) and "MaxRetryError" not in said.ko + said.en


def test_a_service_error_carries_its_text():
    said = error_text(with_text(ValueError, Text("앱키를 먼저 등록하세요", "Save a key first")))
    assert (said.ko, said.en) == ("앱키를 먼저 등록하세요", "Save a key first")


def test_joined_journal_messages_split_by_language():
    said = split_bilingual(FOUND_MESSAGE + " · " + EXPIRED_MESSAGE)
    assert said.ko == "확인 결과 접수됨 · 거래일 종료로 만료"
    assert said.en == "Confirmed accepted by reconciliation · Expired at the end of its trading day"
