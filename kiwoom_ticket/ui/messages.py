"""What the user reads about a failure or a Kiwoom reply: plain words as a Text, shown in
the UI's language, never a raw dump (api-id, HTTP status, return_code). Kiwoom's raw code
and text stay available for tooltips and the log file.
"""

from __future__ import annotations

import re

from ..domain.error_texts import plain_error
from ..domain.records import OrderRecord
from ..domain.text import Text, text_of
from ..service import KiwoomError
from .i18n import text

# KiwoomError.__str__ appends " | api-id=... | HTTP 200 | return_code=2 | code=1902".
_DUMP = re.compile(r" \| (?:api-id=|HTTP \d|return_code=|code=)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")  # a text a Korean reader can read


def strip_dump(message: str) -> str:
    """'text | api-id=kt10000 | HTTP 200' -> 'text'."""
    m = _DUMP.search(message)
    return message[: m.start()] if m else message


def split_bilingual(message: str) -> Text:
    """A journaled message or an exception's line as a Text (Text.from_journal), without
    Kiwoom's dump: '한국어 / English' split; text in one language is the same in both."""
    return Text.from_journal(strip_dump(message))


UNEXPECTED = Text("예기치 못한 오류 (자세한 내용은 로그 파일에)",
                  "Unexpected error (details in the log file)")


def first_line(exc: BaseException) -> str:
    raw = str(exc).strip() or type(exc).__name__
    return raw.splitlines()[0][:300]


def error_text(exc: BaseException) -> Text:
    """A failure in plain words: Kiwoom's code from the error table when it is known,
    else the exception's own message (Kiwoom's `.message`, never its str() dump)."""
    own = text_of(exc)  # the app's own words (kiwoom/, service/)
    if isinstance(exc, KiwoomError):
        plain = plain_error(exc.code)
        if plain is not None:
            return plain
        if own is not None:
            return own
        return split_bilingual(exc.message) if exc.message else UNEXPECTED
    if own is not None:
        return own
    said = split_bilingual(first_line(exc))
    # The app's own messages are "한국어 / English"; a library's text (an exception
    # class, an English sentence) is not shown to a Korean reader: it is in the tooltip.
    return said if said.ko != said.en or _HANGUL.search(said.ko) else UNEXPECTED


def error_detail(exc: BaseException) -> str:
    """The raw, secret-free description (for the tooltip and the log file)."""
    return first_line(exc)


def record_text(rec: OrderRecord) -> Text:
    """What a log row's message means. Kiwoom's own reply text carrying a known code
    ("[2000](RC4061:주문번호를 확인하세요.)") becomes the table's plain words; the
    app's own messages are already bilingual."""
    if rec.error_code and rec.error_code in rec.message:
        plain = plain_error(rec.error_code)
        if plain is not None:
            return plain
    return split_bilingual(rec.message)


def record_detail(rec: OrderRecord) -> str:
    """Kiwoom's raw text and code of a row, for its tooltip."""
    code = f" [{rec.error_code}]" if rec.error_code else ""
    return f"{rec.message}{code}".strip()


def said_once(t: Text) -> Text:
    """The text, to be shown in one language (kept for its callers: a Text already is)."""
    return t


def labelled(key: str, detail: Text) -> Text:
    """A status line 'label: detail', language by language: '요청 실패: 연결되지
    않았습니다' in Korean, 'Request failed: Not connected' in English."""
    return text(key) + ": " + detail
