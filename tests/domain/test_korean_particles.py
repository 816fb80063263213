"""Issue 24: particles follow the word before them, never "을(를)"."""

from __future__ import annotations

import pytest

from kiwoom_ticket.domain.korean import attach, particle
from kiwoom_ticket.domain.text import Text


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


@pytest.mark.parametrize(("value", "expected"), [
    ("삼성전자", "종목 삼성전자를 찾을 수 없습니다"),  # a vowel
    ("셀트리온", "종목 셀트리온을 찾을 수 없습니다"),  # a consonant
    ("005930", "종목 005930을 찾을 수 없습니다"),  # 영: a consonant
    ("000002", "종목 000002를 찾을 수 없습니다"),  # 이: a vowel
    ("KRX", "종목 KRX를 찾을 수 없습니다"),  # 엑스: a vowel
    ("SOR", "종목 SOR을 찾을 수 없습니다"),  # 알: ㄹ, a consonant
])
def test_a_placeholder_names_its_particle_and_gets_the_one_that_follows(value, expected):
    said = Text("종목 {code:을} 찾을 수 없습니다", "Stock {code:을} not found").format(code=value)
    assert said.ko == expected
    assert said.en == f"Stock {value} not found"  # English has no particle to choose


@pytest.mark.parametrize(("env", "expected"), [
    ("실전 투자", "실전 투자로 전환했습니다"),  # a vowel
    ("실전", "실전으로 전환했습니다"),  # a consonant
    ("서울", "서울로 전환했습니다"),  # ㄹ takes 로, not 으로
    ("7", "7로 전환했습니다"),  # 칠: ㄹ
    ("6", "6으로 전환했습니다"),  # 육: a consonant
    ("M", "M으로 전환했습니다"),  # 엠
    ("L", "L로 전환했습니다"),  # 엘: ㄹ
    ("NXT", "NXT로 전환했습니다"),  # 티: a vowel
])
def test_euro_follows_a_consonant_but_not_rieul(env, expected):
    said = Text("{env:으로} 전환했습니다", "Switched to {env}").format(env=env)
    assert (said.ko, said.en) == (expected, f"Switched to {env}")


def test_a_text_value_goes_into_its_own_language_with_its_particle():
    env = Text("키움 모의", "Kiwoom mock")
    said = Text("{env:으로} 전환했습니다", "Switched to {env}").format(env=env)
    assert (said.ko, said.en) == ("키움 모의로 전환했습니다", "Switched to Kiwoom mock")
    order = Text("원주문 {no:이} 없습니다 ({n:,}주)", "Order {no} is missing ({n:,})")
    assert order.format(no="0000012", n=1500).ko == "원주문 0000012가 없습니다 (1,500주)"
    assert order.format(no="0000013", n=1500).en == "Order 0000013 is missing (1,500)"


def test_an_exchange_mock_does_not_take_gets_its_own_particle():
    from kiwoom_ticket.domain.environment import exchange_not_taken
    from kiwoom_ticket.domain.exchange import Exchange

    assert "에서는 SOR을 쓸 수 없습니다" in exchange_not_taken(Exchange.SOR).ko  # 알: not 를
    assert "에서는 NXT를 쓸 수 없습니다" in exchange_not_taken(Exchange.NXT).ko  # 티
