"""Print the CHANGELOG.md section of a release, for the release's notes.

    python packaging/release_notes.py v0.2.0            # the "## [0.2.0] - ..." section
    python packaging/release_notes.py v0.2.0 --check    # also: pyproject.toml says 0.2.0

CHANGELOG.md follows Keep a Changelog: one "## [VERSION] - DATE" heading per release, newest
first, "## [Unreleased]" on top. Exits 1, saying why, when the tag has no section, the section
is empty, or (--check) the tag is not pyproject.toml's version: a release is not published
without its notes or under another version's name.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = ROOT / "CHANGELOG.md"
HEADING = re.compile(r"^## \[?(?P<version>[^\]\s]+)\]?(?:\s+-\s+(?P<date>\S.*))?\s*$")
LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:\s+\S+")


class NotesError(ValueError):
    pass


def version_of(tag: str) -> str:
    """v1.2.3 -> 1.2.3 (a tag without the v is taken as it is)."""
    return tag.removeprefix("refs/tags/").removeprefix("v")


def sections(text: str) -> dict[str, str]:
    """Every "## " section of the changelog by its version (or "Unreleased"), body stripped
    of the link definitions that Keep a Changelog puts at the bottom."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            match = HEADING.match(line)
            if not match:
                raise NotesError(f"not a release heading: {line!r}")
            current = found.setdefault(match["version"], [])
        elif line.startswith("# "):
            current = None
        elif current is not None and not LINK_DEFINITION.match(line):
            current.append(line)
    return {version: "\n".join(lines).strip() for version, lines in found.items()}


def notes_for(tag: str, text: str) -> str:
    version = version_of(tag)
    body = sections(text).get(version)
    if body is None:
        raise NotesError(f"CHANGELOG.md has no '## [{version}] - DATE' section for {tag}")
    if not body:
        raise NotesError(f"CHANGELOG.md's section for {version} is empty")
    return body + "\n"


def project_version(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print a release's CHANGELOG.md section.")
    parser.add_argument("tag", help="the release tag, e.g. v0.2.0")
    parser.add_argument("--changelog", type=Path, default=CHANGELOG)
    parser.add_argument("--check", action="store_true",
                        help="fail unless the tag is pyproject.toml's version")
    args = parser.parse_args(argv)
    try:
        if args.check and version_of(args.tag) != project_version():
            raise NotesError(f"tag {args.tag} is not pyproject.toml's version "
                             f"{project_version()}")
        notes = notes_for(args.tag, args.changelog.read_text(encoding="utf-8"))
    except (NotesError, OSError) as exc:
        print(f"release_notes: {exc}", file=sys.stderr)
        return 1
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdout.write(notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
