"""The spec facts the tests hold the practice exchange to, read from tests/sim/spec/*.json.

Each file lists a TR's request and response fields as Kiwoom's official spec has them
(name, parent list, required, type, length, description); generate.py beside them made
them once. The description carries the form: "좌측 0-padding 처리된 부호 포함 10자리 숫자"
is exactly ten characters with a leading minus when negative, "부호가 포함된 숫자" may
carry + or -, "YYYYMMDD" is a date, and so on.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

SPEC_DIR = Path(__file__).resolve().parent / "spec"

# Where the spec's description is known to be wrong, the form Kiwoom really sends.
ERRATA: dict[tuple[str, str], str] = {
    # "YYYYMMDD" in the spec; HHmmss in the spec's own example and on the live mock.
    ("ka10004", "bid_req_base_tm"): r"\d{6}",
}


@cache
def spec(api_id: str) -> dict:
    return json.loads((SPEC_DIR / f"{api_id}.json").read_text("utf-8"))


def path_of(api_id: str) -> str:
    return spec(api_id)["path"]


def required_request_fields(api_id: str) -> list[str]:
    return [f[0] for f in spec(api_id)["request"] if f[2] == "Y" and not f[1]]


def list_names(api_id: str) -> list[str]:
    return [f[0] for f in spec(api_id)["response"] if f[3] == "LIST"]


def _pattern(desc: str, length: str) -> tuple[re.Pattern, bool] | None:
    """(pattern, must be non-empty) for a field's description, or None when free text."""
    m = re.search(r"0-padding 처리된 부호 포함 (\d+)자리", desc)
    if m:
        n = int(m.group(1))
        return re.compile(rf"\d{{{n}}}|-\d{{{n - 1}}}"), True
    if "%가 포함된 백분율" in desc:
        return re.compile(r"\d+(\.\d+)?%"), False
    if "백분율" in desc:
        places = 4 if "넷째" in desc else 1 if "첫째" in desc else 2
        sign = r"[+-]?" if "부호" in desc else "-?"
        return re.compile(rf"{sign}\d+\.\d{{{places}}}"), False
    if "YYYYMMDDHHmmss" in desc:
        return re.compile(r"\d{14}"), False
    if "HH:mm:ss" in desc:
        return re.compile(r"\d\d:\d\d:\d\d"), False
    if re.search(r"Y{3,4}MMDD", desc):
        return re.compile(r"\d{8}"), False
    if "부호" in desc:
        return re.compile(r"[+-]?\d+"), False
    if desc.startswith("단위: 원") or desc.startswith("단위: 1주"):
        return re.compile(r"[+-]?\d+"), False
    return None


def problems(api_id: str, payload: dict) -> list[str]:
    """Every way `payload` departs from the spec's response fields (empty when it matches)."""
    out: list[str] = []
    fields = spec(api_id)["response"]
    for name, parent, _req, kind, length, desc in fields:
        if kind == "LIST":
            if not isinstance(payload.get(name), list):
                out.append(f"{name}: missing list")
            continue
        rows = payload.get(parent, []) if parent else [payload]
        for i, row in enumerate(rows):
            where = f"{parent}[{i}].{name}" if parent else name
            if name not in row:
                out.append(f"{where}: missing")
                continue
            value = row[name]
            if not isinstance(value, str):
                out.append(f"{where}: not a string ({value!r})")
                continue
            erratum = ERRATA.get((api_id, name))
            form = (re.compile(erratum), True) if erratum else _pattern(desc, length)
            if form is not None:
                pattern, needed = form
                if (value or needed) and not pattern.fullmatch(value):
                    out.append(f"{where}: {value!r} is not of the form {pattern.pattern!r}")
            if length.isdigit() and value.isascii() and len(value) > int(length):
                out.append(f"{where}: {value!r} is longer than {length}")
    for key in ("return_code", "return_msg"):
        if key not in payload:
            out.append(f"{key}: missing")
    return out
