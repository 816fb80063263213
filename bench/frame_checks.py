"""What checking a REAL frame costs (issue 22): the realtime client's read of one frame
(size, nesting depth before json.loads, json.loads, every entry's shape and numbers:
kiwoom/websocket/frames.parse + entries.real_entries) against the bare read the client
did before (json.loads, then a RealEntry per entry with no check), in the same run.

Frames as the practice exchange sends them under load: 0B entries of 45 fields, 100 to a
frame (ws_batch), and a 00 frame of 10 order events. Samples alternate A, B, A, B.

    python bench/frame_checks.py [--rounds 30] [--frames 200]
"""

from __future__ import annotations

import argparse
import json
import time

import common  # puts the repo on sys.path

# No target: this is what rule 4 costs on the stream, told as a ratio so that a change
# that makes it dearer shows. bench/ws_throughput.py (figure 9) holds the whole client
# to its entries-a-second target.


def _frames() -> dict[str, str]:
    trade = {"20": "100000", "10": "+201000", "11": "+1000", "12": "+0.50", "27": "+201500",
             "28": "+200500", "15": "+3", "13": "12345678", "14": "2", "16": "+200000",
             "17": "+201500", "18": "-199500", "25": "2", "26": "0", "29": "0", "30": "0.00",
             "31": "0.01", "32": "0", "228": "100.00", "311": "24", "290": "2", "691": "0",
             "567": "000000", "568": "000000", "851": "0", "1890": "090000",
             "1891": "000000", "1892": "000000", "1030": "5", "1031": "7", "1032": "58.33",
             "1071": "3", "1072": "4", "1313": "1000", "1315": " 0", "1316": "7",
             "1314": "+3", "1497": "0", "1498": "0", "620": "200800", "732": "0",
             "852": "0", "9081": "1"}
    order = {"9201": "8100000011", "9203": "0000123", "9205": "", "9001": "005930",
             "912": "JJ", "913": "체결", "302": "삼성전자", "900": "10", "901": "201000",
             "902": "3", "903": "1407000", "904": "0000000", "905": "+매수", "906": "보통",
             "907": "2", "908": "100001", "909": "0000456", "910": "201000", "911": "7",
             "10": "+201000", "27": "+201500", "28": "+200500", "914": "201000", "915": "2",
             "938": "0", "939": "0", "919": "0", "920": "", "921": "", "922": "00",
             "923": "", "2134": "1", "2135": "KRX", "2136": "N"}

    def frame(type_: str, name: str, values: dict, n: int) -> str:
        data = [{"values": values, "type": type_, "name": name, "item": "005930"}] * n
        return json.dumps({"data": data, "trnm": "REAL"}, ensure_ascii=False,
                          separators=(",", ":"))

    return {"0B x100": frame("0B", "주식체결", trade, 100),
            "00 x10": frame("00", "주문체결", order, 10)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--frames", type=int, default=200, help="frames read per sample")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from kiwoom_ticket.kiwoom.websocket import frames
    from kiwoom_ticket.kiwoom.websocket.entries import real_entries
    from kiwoom_ticket.kiwoom.websocket.frames import RealEntry

    rows = []
    for label, text in _frames().items():
        def checked(text=text) -> float:
            t0 = time.perf_counter()
            for _ in range(args.frames):
                entries, bad = real_entries(frames.parse(text))
            assert entries and not bad
            return (time.perf_counter() - t0) / args.frames

        def bare(text=text) -> float:
            t0 = time.perf_counter()
            for _ in range(args.frames):
                frame = json.loads(text)
                entries = [RealEntry(str(e.get("type", "")), str(e.get("item", "")),
                                     str(e.get("name", "")), e["values"])
                           for e in frame["data"] if isinstance(e.get("values"), dict)]
            assert entries
            return (time.perf_counter() - t0) / args.frames

        a, b = common.alternate(checked, bare, args.rounds, warmup=2)
        sa, sb = common.Summary.of(a), common.Summary.of(b)
        ratio = sa.median / sb.median
        rows.append(common.Row(
            number="12", figure=f"Reading a REAL frame ({label}), checked",
            measured=common.dist(sa), reference=common.dist(sb) + " (json.loads, no checks)",
            ratio=f"{ratio:.2f}×", target="—", status=common.INFO,
            notes=f"{len(text):,} characters; per entry "
                  f"{sa.median * 1e6 / (100 if label.startswith('0B') else 10):.1f} µs",
            raw={"checked": a, "bare": b}))
    common.emit(rows, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
