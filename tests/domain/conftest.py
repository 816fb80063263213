"""Fixtures for the order-domain tests."""

from __future__ import annotations

from pathlib import Path

import pytest

# Compact copies of the Kiwoom spec facts these tests check against (kt10000/kt10001
# dumps, the domestic rows of order_price_policies.csv, the seed document's four request
# bodies), kept in the repo so a fresh clone runs every test with nothing beside it.
SPEC = Path(__file__).resolve().parent / "spec"


@pytest.fixture
def spec_file():
    """Path to a file under tests/domain/spec; a missing one is a failure, not a skip."""

    def locate(name: str) -> Path:
        path = SPEC / name
        assert path.is_file(), f"{path} is missing"
        return path

    return locate
