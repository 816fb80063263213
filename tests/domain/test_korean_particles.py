"""Issue 24: particles follow the word before them, never "을(를)"."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.korean import attach, particle


@pytest.mark.parametrize(("word", "name", "expected"), [
    ("삼성전자", "을", "삼성전자를"),
    ("5주", "을", "5주를"),
    ("10주", "를", "10주를"),
    ("카카오뱅크", "를", "카카오뱅크를"),
    ("현금", "를", "현금을"),
    ("KRX", "로", "KRX로"),
    ("NXT", "으로", "NXT로"),
    ("실전 투자", "로", "실전 투자로"),
    ("모의 투자", "(으)로", None),  # not a particle name: refused below
    ("연습 거래소", "로", "연습 거래소로"),
    ("서울", "으로", "서울로"),  # ㄹ takes 로
    ("실전", "로", "실전으로"),
    ("주문번호 0000012", "은", "주문번호 0000012는"),  # 이 -> vowel
    ("3", "은", "3은"),
    ("1", "로", "1로"),  # 일: ㄹ
    ("6", "로", "6으로"),
    ("SOR", "이", "SOR이"),  # 알
    ("KRW", "가", "KRW가"),
    ("삼성전자", "이", "삼성전자가"),
    ("계좌", "와", "계좌와"),
    ("주문", "와", "주문과"),
])
def test_particles_follow_the_final_sound(word, name, expected):
    if expected is None:
        with pytest.raises(KeyError):
            attach(word, name)
        return
    assert attach(word, name) == expected


def test_either_spelling_names_the_same_particle():
    assert particle("삼성전자", "을") == particle("삼성전자", "를") == "를"
    assert particle("현대차", "은") == "는" and particle("셀트리온", "는") == "은"


def test_placeholders_in_a_sentence_are_settled():
    from kiwoom_ticket.domain.korean import settle_particles

    assert settle_particles("실전 투자(으)로 전환했습니다") == "실전 투자로 전환했습니다"
    assert settle_particles("실전(으)로 전환, 모의(으)로") == "실전으로 전환, 모의로"
    assert settle_particles("종목 005930을(를) 찾을 수 없습니다") == "종목 005930을 찾을 수 없습니다"
    assert settle_particles("종목 000002을(를) 찾을") == "종목 000002를 찾을"
    assert settle_particles("시장가은(는) KRX에서만") == "시장가는 KRX에서만"
    assert settle_particles("주문 0000012이(가) 없어") == "주문 0000012가 없어"
