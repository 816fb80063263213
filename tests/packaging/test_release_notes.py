"""Release notes come from CHANGELOG.md: the section whose heading names the tag's version."""

from __future__ import annotations

import subprocess
import sys

import pytest
from packaging_helpers import PACKAGING, ROOT, load_packaging_module

notes = load_packaging_module("release_notes")

SAMPLE = """\
# Changelog

Intro text that belongs to no release.

## [Unreleased]

### Added
- Something not released yet.

## [1.2.0] - 2026-12-01

### Added
- 주문 내역 CSV 내보내기 / CSV export.

### Fixed
- A fix.

## [1.1.0] - 2026-10-01
- Older.

[Unreleased]: https://example.invalid/compare/v1.2.0...HEAD
[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0
"""


def test_the_tags_section_is_extracted_whole_and_nothing_else():
    text = notes.notes_for("v1.2.0", SAMPLE)
    assert text == (
        "### Added\n- 주문 내역 CSV 내보내기 / CSV export.\n\n### Fixed\n- A fix.\n"
    )


def test_the_last_section_stops_before_the_link_definitions():
    assert notes.notes_for("v1.1.0", SAMPLE) == "- Older.\n"


@pytest.mark.parametrize("tag", ["v1.2.0", "1.2.0", "refs/tags/v1.2.0"])
def test_tag_spellings(tag):
    assert notes.notes_for(tag, SAMPLE).startswith("### Added")


def test_a_tag_without_a_section_is_refused():
    with pytest.raises(notes.NotesError, match=r"no '## \[9.9.9\]"):
        notes.notes_for("v9.9.9", SAMPLE)


def test_an_empty_section_is_refused():
    with pytest.raises(notes.NotesError, match="empty"):
        notes.notes_for("v2.0.0", "## [2.0.0] - 2027-01-01\n\n## [1.0.0] - 2026-01-01\n- x\n")


def test_a_malformed_release_heading_is_refused():
    with pytest.raises(notes.NotesError, match="not a release heading"):
        notes.sections("## [1.0.0] (2026-01-01)\n")


def test_the_projects_changelog_parses_and_has_an_unreleased_section():
    sections = notes.sections((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert "Unreleased" in sections
    assert all(v == "Unreleased" or v[0].isdigit() for v in sections), list(sections)


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PACKAGING / "release_notes.py"), *args],
        capture_output=True, encoding="utf-8", timeout=60,
    )


def test_the_script_prints_the_notes_for_the_workflow(tmp_path):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(SAMPLE, encoding="utf-8")
    result = run_script("v1.2.0", "--changelog", str(changelog))
    assert result.returncode == 0, result.stderr
    assert result.stdout == notes.notes_for("v1.2.0", SAMPLE)


def test_the_script_refuses_a_tag_that_is_not_pyprojects_version(tmp_path):
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(SAMPLE, encoding="utf-8")
    result = run_script("v1.2.0", "--changelog", str(changelog), "--check")
    assert result.returncode == 1
    assert "not pyproject.toml's version" in result.stderr
    assert result.stdout == ""
