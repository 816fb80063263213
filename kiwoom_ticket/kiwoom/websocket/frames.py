"""Kiwoom's WebSocket frames: what the client sends, and the REAL entries it reads.

Client → Kiwoom: {"trnm":"LOGIN","token":…} first; {"trnm":"REG","grp_no":…,"refresh":…,
"data":[{"item":[…],"type":[…]}]} and REMOVE (no refresh) only after the LOGIN answer;
each {"trnm":"PING"} echoed back as it came. SYSTEM frames ({"trnm":"SYSTEM","code":…,
"message":…}) are never echoed: Kiwoom closes a client that does.
Kiwoom → client: {"data":[{"values":{field id: text},"type":…,"name":…,"item":…}, …],
"trnm":"REAL"}, several entries in one frame.

Nothing read is trusted (rule 4): a frame too big, nested deeper than Kiwoom's ever are
(checked before json.loads builds anything), not JSON or not a Kiwoom frame is a BadFrame;
an entry whose shape or values are not Kiwoom's (entries.py) is left out and counted.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LOGIN_REFUSED = 805004  # 토큰 인증에 실패했습니다 … [CODE=8005 …]: the token is no good
BEFORE_LOGIN = 100013  # a frame before the LOGIN answer: ignored by Kiwoom
KICKED = "R10001"  # 동일한 App key로 접속: another program took this app key's session
NO_HEARTBEAT = "R10002"  # PINGs went unanswered: Kiwoom closed the session
ACCOUNT_TYPES = frozenset({"00", "04"})  # sent for the token's account, whatever the item

encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def login(token: str) -> str:
    return encode({"trnm": "LOGIN", "token": token})


@dataclass(frozen=True, slots=True)
class Subscription:
    """One REG: `types` for `items` in group `grp_no`. Account types (00, 04) take item ""."""

    types: tuple[str, ...]
    items: tuple[str, ...] = ("",)
    grp_no: str = "1"

    @classmethod
    def of(cls, types: Iterable[str] | str, items: Iterable[str] | str = ("",),
           grp_no: str = "1") -> Subscription:
        types = (types,) if isinstance(types, str) else tuple(types)
        items = (items,) if isinstance(items, str) else tuple(items)
        if not types or not all(isinstance(t, str) and len(t) == 2 for t in types):
            raise ValueError(f"realtime types are two characters (00, 0B, ...): {types!r}")
        return cls(types, items or ("",), str(grp_no))


def registration(trnm: str, grp_no: str, pairs: Iterable[tuple[str, str]]) -> str:
    """A REG (refresh "1": what the group had stays) or a REMOVE of (type, item) pairs,
    one data element per type."""
    by_type: dict[str, set[str]] = {}
    for type_, item in pairs:
        by_type.setdefault(type_, set()).add(item)
    body: dict[str, Any] = {"trnm": trnm, "grp_no": grp_no}
    if trnm == "REG":
        body["refresh"] = "1"
    body["data"] = [{"item": sorted(items), "type": [t]} for t, items in sorted(by_type.items())]
    return encode(body)


@dataclass(frozen=True, slots=True)
class RealEntry:
    """One entry of a REAL frame: `values` by field id, as Kiwoom wrote them (strings)."""

    type: str
    item: str
    name: str
    values: Mapping[str, str]

    def get(self, fid: str, default: str = "") -> str:
        return self.values.get(fid, default)

    def number(self, fid: str) -> int:
        """The field as a signed whole number: "+60700" 60700, "-19" -19, " 0" and "" 0."""
        return to_int(self.values.get(fid, ""))

    def price(self, fid: str) -> int:
        """A price without its sign (Kiwoom's sign is the direction against the base price)."""
        return abs(self.number(fid))

    @property
    def key(self) -> tuple[object, ...]:
        """What the entry is, to tell a repeated frame from a new event. 00: the order
        number, state, filled and unfilled quantity and fill number (a 거부 without a
        number adds what was asked); 0B: the stock and its running volume, which every
        trade raises; other types: every value (a repeated snapshot is the same snapshot)."""
        v = self.values
        if self.type == "00":
            number = v.get("9203", "")
            key: tuple[str, ...] = ("00", self.item, number, v.get("913", ""), v.get("911", ""),
                                    v.get("902", ""), v.get("909", ""))
            if not number.strip("0"):
                key += tuple(v.get(f, "") for f in ("904", "900", "901", "905", "908", "919"))
            return key
        if self.type == "0B":
            return ("0B", self.item, v.get("13", ""), v.get("20", ""), v.get("15", ""))
        return (self.type, self.item, tuple(sorted(v.items())))


class RepeatFilter:
    """Drops 00 and 0B entries whose key was seen among the last `kept` (a frame sent
    twice, a frame sent again); other types are snapshots, harmless when repeated."""

    def __init__(self, kept: int = 50_000) -> None:
        self._seen: OrderedDict[tuple[object, ...], None] = OrderedDict()
        self._kept = kept
        self.repeats = 0

    def fresh(self, entries: list[RealEntry]) -> list[RealEntry]:
        seen, out = self._seen, []
        for e in entries:
            if e.type in ("00", "0B"):
                key = e.key
                if key in seen:
                    self.repeats += 1
                    continue
                seen[key] = None
                if len(seen) > self._kept:
                    seen.popitem(last=False)
            out.append(e)
        return out


def to_int(text: str) -> int:
    text = text.strip()
    if not text:
        return 0
    try:
        return int(text)
    except ValueError:
        return int(float(text))


# A REAL frame of 100 entries is ~150 kB; the biggest Kiwoom sends stays far below this.
MAX_FRAME_CHARS = 2 * 1024 * 1024
# {"data":[{"values":{…}}]} is 3 deep; nothing Kiwoom sends goes past 4.
MAX_DEPTH = 8
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'[]{}"')


class BadFrame(ValueError):
    """A frame the client will not read. `kind`: too_big, too_deep, not_json, not_kiwoom."""

    def __init__(self, kind: str, why: str = "") -> None:
        super().__init__(f"{kind}: {why}" if why else kind)
        self.kind = kind


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether brackets outside strings nest past `limit`: found without building anything
    (json.loads of 100,000 brackets raises RecursionError, or worse, builds them)."""
    # At C speed: escapes out, then all but brackets and quotes; with no bracket in any
    # string (Kiwoom's never have one) every string is now "" and goes too.
    shape = text.encode("utf-8", "replace")
    if b"\\" in shape:
        shape = shape.replace(b"\\\\", b"").replace(b'\\"', b"")
    shape = shape.translate(None, _NOT_STRUCTURE)
    if len(shape) <= limit:
        return False
    shape = shape.replace(b'""', b"")
    if b'"' in shape:  # a bracket inside a string (or broken quoting): the exact way
        shape = "".join(_BRACKETS.findall(_STRINGS.sub("", text))).encode()
    depth = 0
    for c in shape:
        if c in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _no_constant(name: str) -> object:
    raise ValueError(f"non-JSON number {name}")


def parse(text: str) -> dict[str, Any]:
    """A frame as a dict with a text trnm; BadFrame (a ValueError) for anything else."""
    if len(text) > MAX_FRAME_CHARS:
        raise BadFrame("too_big", f"{len(text)} characters")
    if too_deep(text):
        raise BadFrame("too_deep", f"nested deeper than {MAX_DEPTH}")
    try:
        frame = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError, MemoryError) as exc:
        raise BadFrame("not_json", type(exc).__name__) from None
    trnm = frame.get("trnm") if isinstance(frame, dict) else None
    if not isinstance(trnm, str) or not trnm or len(trnm) > 16:
        raise BadFrame("not_kiwoom", "no trnm")
    checked: dict[str, Any] = frame
    return checked
