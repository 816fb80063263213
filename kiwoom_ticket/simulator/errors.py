"""Kiwoom's error replies: `return_code`, and the documented code inside `return_msg`.

Texts follow /work/shared/reference (error_codes.tsv, kiwoom-rest-notes.md section 5).
Order rejects use Kiwoom's "[2000](RCxxxx:text)" form; the mock profile prefixes the
text with "모의투자 " as mockapi.kiwoom.com does.
"""

from __future__ import annotations


class KiwoomError(Exception):
    """A reply that is not a success. `status` is the HTTP status (Kiwoom mostly uses 200)."""

    def __init__(self, return_code: int, return_msg: str, status: int = 200) -> None:
        super().__init__(return_msg)
        self.return_code = return_code
        self.return_msg = return_msg
        self.status = status

    def payload(self) -> dict:
        return {"return_code": self.return_code, "return_msg": self.return_msg}


def bad_request(code: int, text: str, status: int = 200) -> KiwoomError:
    return KiwoomError(1, f"잘못된 요청입니다[{code}:{text}]", status)


def input_error(code: int, text: str, status: int = 200) -> KiwoomError:
    return KiwoomError(2, f"입력 값 오류입니다[{code}:{text}]", status)


def missing_field(name: str) -> KiwoomError:
    return input_error(1511, f"필수 입력 값에 값이 존재하지 않습니다. 필수입력 파라미터={name}")


def bad_format(name: str, reason: str, status: int = 200) -> KiwoomError:
    return input_error(
        1517, f"입력 값 형식이 올바르지 않습니다. 파라미터={name} 실패사유= {reason}", status
    )


def api_id_missing() -> KiwoomError:
    return bad_request(1501, "API ID가 Null이거나 값이 없습니다")


def clip(text: str, limit: int = 20) -> str:
    """Echo at most `limit` characters of what the caller sent."""
    return text if len(text) <= limit else text[:limit] + "..."


def unknown_api_id(api_id: str) -> KiwoomError:
    return bad_request(1505, f"해당 API ID는 존재하지 않습니다. API ID={clip(api_id)}")


def wrong_path(api_id: str, uri: str) -> KiwoomError:
    return bad_request(
        1504, f"해당 URI에서는 지원하는 API ID가 아닙니다. API ID={api_id}, URI={clip(uri, 100)}"
    )


AUTH_HEADER_TEXTS = {
    1513: "Http Header에 authorization 필드가 설정되어 있어야 합니다",
    1514: "입력으로 들어온 Http Header의 authorization 필드 형식이 맞지 않습니다",
    1515: "Http Header의 authorization 필드 내 Grant Type이 미리 정의된 형식이 아닙니다",
    1516: "Http Header의 authorization 필드 내 Token이 정의되어 있지 않습니다",
}


def auth_header(code: int) -> KiwoomError:
    return input_error(code, AUTH_HEADER_TEXTS[code])


def token_invalid() -> KiwoomError:
    return KiwoomError(3, "인증에 실패했습니다[8005:Token이 유효하지 않습니다]")


OAUTH_TEXTS = {
    8011: "Access Token을 발급하는데 실패했습니다. 입력값에 grant_type이 들어오지 않았습니다",
    8012: "Access Token을 발급하는데 실패했습니다. grant_type의 값이 맞지 않습니다",
    8015: "Access Token을 폐기하는데 실패했습니다. 실패사유=유효하지 않은 Token입니다",
    8016: "Access Token을 폐기하는데 실패했습니다. 입력값에 Token이 들어오지 않았습니다",
    8020: "입력파라미터로 appkey 또는 secretkey가 들어오지 않았습니다.",
}


def oauth_failed(code: int) -> KiwoomError:
    return KiwoomError(3, f"인증 실패[{code}:{OAUTH_TEXTS[code]}]")


def unknown_stock(code: str) -> KiwoomError:
    return KiwoomError(
        7,
        "서비스를 처리하는 중에 오류가 발생했습니다[1902:종목 정보가 없습니다. "
        f"입력한 종목코드 값을 확인바랍니다. 종목코드={clip(code)}]",
    )


def rate_limited(per_second: float, api_id: str) -> KiwoomError:
    flow = int(per_second) if float(per_second).is_integer() else per_second
    return KiwoomError(
        5,
        "허용된 요청 개수를 초과하였습니다"
        f"[1700:허용된 API 요청 개수를 초과하였습니다. 유량={flow}, API ID={api_id}]",
        status=429,
    )


def unexpected(reason: str) -> KiwoomError:
    text = f"예기치 못한 에러가 발생했습니다. 실패사유={reason}"
    return KiwoomError(1, f"예기치 못한 에러가 발생했습니다[1999:{text}]", 500)


# Order reject sub-codes. RC4034 and RC4035 are the practice exchange's own (Kiwoom's
# codes for these cases are not documented); the rest are observed from mockapi.
REJECT_TEXTS: dict[str, tuple[str, str]] = {
    # code: (mock text, real text)
    "RC4003": ("모의투자 호가단위 오류입니다.", "호가단위 오류입니다."),
    "RC4025": ("모의투자 주문가능금액을 확인하세요.", "주문가능금액을 확인하세요."),
    "RC4027": ("모의투자 상/하한가 오류입니다.", "상/하한가 오류입니다."),
    "RC4034": ("모의투자 정정/취소 가능수량을 초과하였습니다.", "정정/취소 가능수량을 초과하였습니다."),
    "RC4035": ("모의투자 정정할 수 없는 주문유형입니다.", "정정할 수 없는 주문유형입니다."),
    "RC4057": ("모의투자 장시작전", "장시작전입니다."),
    "RC4058": ("모의투자 장종료", "장이 종료되었습니다."),
    "RC4061": ("모의투자 주문번호를 확인하세요.", "주문번호를 확인하세요."),
    "RC9000": ("모의투자에서는 해당업무가 제공되지 않습니다.", "해당업무가 제공되지 않습니다."),
    "800033": ("모의투자 매도가능수량이 부족합니다.", "매도가능수량이 부족합니다."),
}


class OrderRejected(Exception):
    """Raised by the matching engine; the API turns it into a profile-specific reply."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def order_reject(code: str, mock: bool) -> KiwoomError:
    mock_text, real_text = REJECT_TEXTS[code]
    return KiwoomError(20, f"[2000]({code}:{mock_text if mock else real_text})")
