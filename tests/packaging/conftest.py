"""Fixtures for the packaging tests: fake app folders and a throwaway HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from packaging_helpers import FAKE_VERSION, load_packaging_module, write_executable


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/kiwoom-ticket: a launcher script plus an _internal folder."""
    bundle = tmp_path / "dist" / "kiwoom-ticket"
    write_executable(bundle / "kiwoom-ticket", f"#!/bin/sh\necho kiwoom-ticket {FAKE_VERSION}\n")
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "_internal" / "resources" / "marker.txt").write_text("bundled")
    return bundle


@pytest.fixture
def unpacked_archive(tmp_path: Path, fake_bundle: Path) -> Path:
    """The release tar.gz built around fake_bundle by build.linux_archive, unpacked."""
    import tarfile

    build = load_packaging_module("build")
    archive = build.linux_archive(fake_bundle, FAKE_VERSION, dist=fake_bundle.parent)
    target = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="tar")
    return target / f"kiwoom-ticket-{FAKE_VERSION}"


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """A minimal environment with HOME in tmp, so nothing touches the real ~/.local."""
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8"}
