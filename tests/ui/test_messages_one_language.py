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


# ---- one text mechanism (issue 23): the service's words, the catalogue, one Text ----------


def test_a_service_message_is_said_in_the_traders_language_after_a_switch():
    import pytest

    from kiwoom_ticket.kiwoom.environments import checked_base_url
    from kiwoom_ticket.ui.i18n import language, pick

    with pytest.raises(ValueError) as raised:
        checked_base_url("http://example.com")  # plain HTTP off this machine: refused
    said = error_text(raised.value)
    assert pick(said) == "이 주소는 HTTPS로만 연결합니다"  # 에스: a vowel takes 로
    language.set("en")
    assert pick(said) == "This host is reached over HTTPS only"
    assert str(raised.value) == f"{said.ko} / {said.en}"  # the log has both


def test_a_redirect_and_a_token_taken_elsewhere_are_texts_not_joined_strings():
    from kiwoom_ticket.domain.text import text_of
    from kiwoom_ticket.kiwoom.errors import TokenTaken
    from kiwoom_ticket.kiwoom.token_renewals import _taken_message

    said = text_of(TokenTaken(_taken_message(3.0, False, 12345), code="8005"))
    assert said is not None
    assert said.ko == "다른 프로그램이 같은 앱키를 사용 중입니다. 다시 연결하면 되찾습니다"
    assert said.en.startswith("Another program is using this app key (another program")


def test_the_catalogue_fills_a_particle_by_the_values_final_sound_in_both_languages():
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.ui import confirm_texts  # noqa: F401  (registers cancel.*)
    from kiwoom_ticket.ui.i18n import both, language, tr

    mock, real = (both("status.switched", env=e.label)
                  for e in (Environment.MOCK, Environment.REAL))
    assert (mock.ko, real.ko) == ("키움 모의투자로 전환했습니다", "키움 실전으로 전환했습니다")
    assert tr("modify.not_in_log", no="0000013").startswith("원주문 0000013이 주문 내역에")
    assert tr("cancel.not_in_log", no="0000012").startswith("원주문 0000012가 주문 내역에")
    language.set("en")
    assert tr("status.switched", env=Environment.REAL.label) == "Switched to Kiwoom real"


def test_no_bilingual_literal_or_bracketed_particle_is_left_in_the_code():
    """Below the UI the app's words are Text (one object, shown in one language), never a
    "한국어 / English" string written by hand; and nowhere "을(를)": the particle is chosen."""
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "kiwoom_ticket"
    hangul = re.compile(r"[\uac00-\ud7a3]")
    bracketed = re.compile(r"(을\(를\)|를\(을\)|은\(는\)|는\(은\)|이\(가\)|가\(이\)|\(으\)로|과\(와\)|와\(과\))")
    found = []
    for path in sorted(root.rglob("*.py")):
        below_ui = path.parent.name in ("domain", "kiwoom", "service", "journal") or (
            path.parent.parent.name == "kiwoom")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr)
                      and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                said = "".join(v.value if isinstance(v, ast.Constant) else "{}"
                               for v in node.values)
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings):
                said = node.value
            else:
                continue
            where = f"{path.relative_to(root)}:{node.lineno}"
            if below_ui and hangul.search(said) and " / " in said:
                found.append(f"{where} bilingual {said[:60]!r}")
            if bracketed.search(said) and path.name != "korean.py":
                found.append(f"{where} bracketed particle {said[:60]!r}")
    assert found == []


def test_a_redirect_names_its_target_in_each_language():
    import requests

    from kiwoom_ticket.kiwoom.transport import redirect_error

    reply = requests.Response()
    reply.status_code, reply.headers["Location"] = 302, "https://elsewhere.example/x"
    said = error_text(redirect_error(reply, "kt10000"))
    assert said.ko == "서버가 다른 주소(elsewhere.example)로 보내려 했습니다: 따르지 않음"
    assert said.en == "The server redirected to elsewhere.example: not followed"
