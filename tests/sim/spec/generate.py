"""Write one compact spec file per TR the practice exchange serves (run once, by hand).

    python tests/sim/spec/generate.py PATH/TO/kiwoom_api_spec.json

The source is Kiwoom's official spec JSON as shipped in the `kwcli` package on PyPI
(kiwoom/_data/kiwoom_api_spec.json; the reference api/*.txt dumps are made from it).
Tests read only the files this writes, never the source.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SERVED = [
    "ka00001", "ka10001", "ka10004", "ka10075", "ka10076", "ka10080", "ka10081", "ka10085",
    "ka10088", "ka10099", "ka10100", "ka10170", "kt00001", "kt00004", "kt00005", "kt00007",
    "kt00009", "kt00010", "kt00011", "kt00018", "kt10000", "kt10001", "kt10002", "kt10003",
    "kt10006", "kt10007", "kt10008", "kt10009",
]


def _fields(rows: list[dict]) -> list[list]:
    """[name, parent list ("" at top level), required, type, length, description] per field."""
    out, parent = [], ""
    for f in rows:
        if f["depth"] == 0:
            parent = f["element"] if f["type"] == "LIST" else ""
            out.append([f["element"], "", f["required"], f["type"], f["length"], _one_line(f)])
        else:
            out.append([f["element"], parent, f["required"], f["type"], f["length"], _one_line(f)])
    return out


def _one_line(f: dict) -> str:
    return " ".join(f["description"].split())


def main(source: str) -> None:
    apis = json.loads(Path(source).read_text("utf-8"))["apis"]
    by_id = {}
    for title, api in apis.items():
        m = re.search(r"\((\w+)\)$", title)
        if m:
            by_id[m.group(1)] = api
    for api_id in SERVED:
        api = by_id[api_id]
        data = {
            "api_id": api_id,
            "name": api["meta"]["API 명"],
            "path": api["meta"]["URL"],
            "request": _fields(api["request"]["body"]),
            "response": _fields(api["response"]["body"]),
        }
        (HERE / f"{api_id}.json").write_text(_dump(data), "utf-8")


def _dump(data: dict) -> str:
    """One field per line, so a diff shows which field the spec changed."""
    lines = ["{"]
    for key in ("api_id", "name", "path"):
        lines.append(f'  "{key}": {json.dumps(data[key], ensure_ascii=False)},')
    for part in ("request", "response"):
        rows = [json.dumps(r, ensure_ascii=False) for r in data[part]]
        end = "," if part == "request" else ""
        lines.append(f'  "{part}": [\n    ' + ",\n    ".join(rows) + f"\n  ]{end}")
    return "\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    main(sys.argv[1])
