"""The Linux release archive, its install.sh and the .desktop entry (fast; no PyInstaller)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from packaging_helpers import FAKE_VERSION, PACKAGING, ROOT, load_packaging_module

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the Linux archive and its POSIX install.sh"
)
DESKTOP = PACKAGING / "linux" / "kiwoom-ticket.desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
needs_validator = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (apt install desktop-file-utils)",
)


def run_install(script: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", str(script), *args], env=env, capture_output=True, text=True, timeout=60
    )


def installed_paths(prefix: Path) -> list[Path]:
    icons = prefix / "share" / "icons" / "hicolor"
    return [
        prefix / "opt" / "kiwoom-ticket" / "kiwoom-ticket",
        prefix / "opt" / "kiwoom-ticket" / "install.sh",
        prefix / "opt" / "kiwoom-ticket" / "_internal" / "resources" / "marker.txt",
        prefix / "bin" / "kiwoom-ticket",
        prefix / "share" / "applications" / "kiwoom-ticket.desktop",
        icons / "scalable" / "apps" / "kiwoom-ticket.svg",
        *(icons / f"{s}x{s}" / "apps" / "kiwoom-ticket.png" for s in ICON_SIZES),
    ]


def desktop_entries(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


@needs_validator
def test_desktop_file_passes_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no hints or warnings either


def test_desktop_file_names_the_app_consistently():
    entries = desktop_entries(DESKTOP)
    assert entries["Version"] == "1.0"
    assert entries["StartupWMClass"] == "kiwoom-ticket"
    assert entries["Icon"] == "kiwoom-ticket"
    assert entries["Terminal"] == "false"
    assert "Name[ko]" in entries and "Comment[ko]" in entries


def test_archive_holds_installer_desktop_icons_and_app(fake_bundle: Path):
    build = load_packaging_module("build")
    archive = build.linux_archive(fake_bundle, FAKE_VERSION, dist=fake_bundle.parent)
    top = f"kiwoom-ticket-{FAKE_VERSION}"
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
    assert members[f"{top}/install.sh"].mode & 0o111
    assert members[f"{top}/kiwoom-ticket/kiwoom-ticket"].mode & 0o111
    assert f"{top}/kiwoom-ticket.desktop" in members
    assert f"{top}/icons/kiwoom-ticket.svg" in members
    for size in ICON_SIZES:
        assert f"{top}/icons/kiwoom-ticket-{size}.png" in members
    assert all(m.uname == "" and m.uid == 0 for m in members.values())
    checksum = archive.with_name(archive.name + ".sha256").read_text()
    assert checksum.endswith(f"  {archive.name}\n")


def test_install_with_prefix_then_uninstall_from_installed_copy(
    unpacked_archive: Path, clean_env: dict[str, str], tmp_path: Path
):
    prefix = tmp_path / "prefix with space"
    result = run_install(unpacked_archive / "install.sh", "--prefix", str(prefix), env=clean_env)
    assert result.returncode == 0, result.stderr
    for path in installed_paths(prefix):
        assert path.exists(), path
    link = prefix / "bin" / "kiwoom-ticket"
    assert link.is_symlink()
    ran = subprocess.run([str(link)], capture_output=True, text=True, timeout=30)
    assert ran.stdout.strip() == f"kiwoom-ticket {FAKE_VERSION}"
    entries = desktop_entries(prefix / "share" / "applications" / "kiwoom-ticket.desktop")
    app = prefix / "opt" / "kiwoom-ticket" / "kiwoom-ticket"
    assert entries["Exec"] == f'"{app}"'
    assert entries["TryExec"] == str(app)
    assert not (Path(clean_env["HOME"]) / ".local").exists()  # the prefix was honoured

    # The installed copy finds its own prefix, and leaves user data alone.
    user_data = prefix / "share" / "kiwoom-ticket" / "journal.sqlite3"
    user_data.parent.mkdir(parents=True)
    user_data.write_text("orders")
    installed_script = prefix / "opt" / "kiwoom-ticket" / "install.sh"
    result = run_install(installed_script, "--uninstall", env=clean_env)
    assert result.returncode == 0, result.stderr
    for path in installed_paths(prefix):
        assert not path.exists() and not path.is_symlink(), path
    assert user_data.read_text() == "orders"


@needs_validator
def test_installed_desktop_file_still_validates(
    unpacked_archive: Path, clean_env: dict[str, str], tmp_path: Path
):
    prefix = tmp_path / "p"
    result = run_install(unpacked_archive / "install.sh", f"--prefix={prefix}", env=clean_env)
    assert result.returncode == 0, result.stderr
    desktop = prefix / "share" / "applications" / "kiwoom-ticket.desktop"
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_default_install_goes_under_home_local(
    unpacked_archive: Path, clean_env: dict[str, str]
):
    local = Path(clean_env["HOME"]) / ".local"
    result = run_install(unpacked_archive / "install.sh", env=clean_env)
    assert result.returncode == 0, result.stderr
    assert (local / "opt" / "kiwoom-ticket" / "kiwoom-ticket").is_file()
    assert (local / "bin" / "kiwoom-ticket").is_symlink()
    assert "is not on your PATH" in result.stdout

    result = run_install(unpacked_archive / "install.sh", "--uninstall", env=clean_env)
    assert result.returncode == 0, result.stderr
    assert not (local / "opt" / "kiwoom-ticket").exists()
    assert not (local / "bin" / "kiwoom-ticket").is_symlink()


def test_reinstall_replaces_the_previous_copy(
    unpacked_archive: Path, clean_env: dict[str, str], tmp_path: Path
):
    prefix = tmp_path / "p"
    script = unpacked_archive / "install.sh"
    assert run_install(script, "--prefix", str(prefix), env=clean_env).returncode == 0
    stale = prefix / "opt" / "kiwoom-ticket" / "_internal" / "stale.so"
    stale.write_text("from the old version")
    assert run_install(script, "--prefix", str(prefix), env=clean_env).returncode == 0
    assert not stale.exists()
    assert not list((prefix / "opt").glob(".kiwoom-ticket.*"))  # no staging leftovers


def test_install_refuses_to_overwrite_a_foreign_command(
    unpacked_archive: Path, clean_env: dict[str, str], tmp_path: Path
):
    prefix = tmp_path / "p"
    foreign = prefix / "bin" / "kiwoom-ticket"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("someone else's program")
    result = run_install(unpacked_archive / "install.sh", "--prefix", str(prefix), env=clean_env)
    assert result.returncode != 0
    assert "not a link" in result.stderr
    assert foreign.read_text() == "someone else's program"
    assert not (prefix / "opt" / "kiwoom-ticket").exists()


def test_uninstall_refuses_a_folder_that_is_not_an_install(
    unpacked_archive: Path, clean_env: dict[str, str], tmp_path: Path
):
    prefix = tmp_path / "p"
    precious = prefix / "opt" / "kiwoom-ticket" / "notes.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("keep me")
    result = run_install(
        unpacked_archive / "install.sh", "--uninstall", "--prefix", str(prefix), env=clean_env
    )
    assert result.returncode != 0
    assert precious.read_text() == "keep me"


def test_install_outside_the_archive_explains_itself(clean_env: dict[str, str]):
    result = run_install(PACKAGING / "linux" / "install.sh", "--prefix", "/nonexistent", env=clean_env)
    assert result.returncode != 0
    assert "unpacked kiwoom-ticket archive" in result.stderr


def test_unknown_option_is_rejected(clean_env: dict[str, str]):
    result = run_install(PACKAGING / "linux" / "install.sh", "--frobnicate", env=clean_env)
    assert result.returncode != 0
    assert "unknown option" in result.stderr


def test_archive_sources_exist_in_the_repo():
    # build.linux_archive reads these; a rename elsewhere must not break the release.
    assert (ROOT / "resources" / "kiwoom-ticket.svg").is_file()
    assert (PACKAGING / "linux" / "install.sh").stat().st_mode & 0o111
