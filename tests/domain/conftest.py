"""Fixtures for the order-domain tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# CI lays shared/ beside the repo: <repo>/../shared/reference.
REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


@pytest.fixture
def reference_file():
    """Path to a file under shared/reference; skips the test when it is absent."""

    def locate(relative: str) -> Path:
        path = REFERENCE / relative
        if not path.is_file():
            pytest.skip(f"{path} not present")
        return path

    return locate
