"""Build kiwoom-ticket for the platform this runs on, and say where the result is.

    .venv/bin/pip install -e '.[package]'      # PyInstaller
    .venv/bin/python packaging/build.py [--clean] [--no-archive]

Linux:   dist/kiwoom-ticket/ (one folder) and dist/kiwoom-ticket-<ver>-linux-<arch>.tar.gz
         holding the folder, install.sh, the .desktop entry and the icons.
Windows: dist/kiwoom-ticket/ and, when Inno Setup's ISCC is found, the installer .exe.
macOS:   dist/Kiwoom Ticket.app and, with hdiutil, dist/kiwoom-ticket-<ver>-macos-<arch>.dmg.
Each package gets a <name>.sha256 beside it (sha256sum format). The version is
pyproject.toml's; the installed package's metadata must say the same, since the bundle
carries that metadata and the app reads its version there.
Work files go to build/pyinstaller/. Both build/ and dist/ are git-ignored.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "kiwoom-ticket.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP = "kiwoom-ticket"
MAC_APP = "Kiwoom Ticket.app"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MB = 1_000_000


@dataclass
class BuildResult:
    platform: str
    version: str
    seconds: float  # PyInstaller alone
    bundle: Path
    bundle_bytes: int
    artifacts: list[Path] = field(default_factory=list)
    total_seconds: float = 0.0  # with the checks and the archive or installer
    system_libraries: list[str] = field(default_factory=list)
    missing_libraries: dict[str, list[str]] = field(default_factory=dict)
    dangling_links: list[str] = field(default_factory=list)
    glibc: str | None = None  # Linux: the oldest glibc the bundle runs on

    @property
    def problems(self) -> bool:
        return bool(self.missing_libraries or self.dangling_links)


def app_version(root: Path = ROOT) -> str:
    """The version: pyproject.toml's, the one place it is written."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def check_installed_metadata(version: str) -> None:
    """The bundle copies the installed package's metadata (the app reads its version there):
    it must exist and agree with pyproject.toml."""
    from importlib import metadata

    try:
        installed = metadata.version(APP)
    except metadata.PackageNotFoundError:
        raise SystemExit(
            f"{APP} is not installed in this Python: pip install -e '.[package]' first"
        ) from None
    if installed != version:
        raise SystemExit(
            f"the installed {APP} metadata says {installed}, pyproject.toml says {version}:"
            " run pip install -e '.[package]' again"
        )


def write_checksum(artifact: Path) -> Path:
    """<artifact>.sha256 in sha256sum's format ("<hex>  <name>")."""
    digest = hashlib.sha256()
    with artifact.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    checksum = artifact.with_name(artifact.name + ".sha256")
    checksum.write_text(f"{digest.hexdigest()}  {artifact.name}\n", encoding="utf-8",
                        newline="\n")
    return checksum


def tree_bytes(path: Path) -> int:
    """Apparent size of every file under path; symlinks count as links, not targets."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def run_pyinstaller(clean: bool) -> None:
    if not SPEC.is_file():
        raise SystemExit(f"missing spec file: {SPEC}")
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK),
    ]
    if clean:
        command.append("--clean")
    command.append(str(SPEC))
    try:
        subprocess.run(command, cwd=ROOT, check=True)
    except FileNotFoundError as exc:
        raise SystemExit(f"cannot run {sys.executable}: {exc}") from exc
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"PyInstaller failed (exit {exc.returncode})") from exc


def _tar_info(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Archives should not carry the build machine's user names.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def linux_archive(bundle: Path, version: str, dist: Path = DIST) -> Path:
    """Pack the app folder with install.sh, the .desktop entry and the icons."""
    arch = platform.machine() or "unknown"
    top = f"{APP}-{version}"
    archive = dist / f"{APP}-{version}-linux-{arch}.tar.gz"
    icons = ROOT / "resources" / "icons"
    members: list[tuple[Path, str]] = [
        (PACKAGING / "linux" / "install.sh", f"{top}/install.sh"),
        (PACKAGING / "linux" / f"{APP}.desktop", f"{top}/{APP}.desktop"),
        (ROOT / "resources" / f"{APP}.svg", f"{top}/icons/{APP}.svg"),
        *((icons / f"{APP}-{s}.png", f"{top}/icons/{APP}-{s}.png") for s in ICON_SIZES),
    ]
    partial = archive.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        for source, name in members:
            info = _tar_info(tar.gettarinfo(str(source), name))
            if name.endswith("install.sh"):
                info.mode = 0o755
            with source.open("rb") as handle:
                tar.addfile(info, handle)
        tar.add(str(bundle), f"{top}/{APP}", filter=_tar_info)
    partial.replace(archive)
    write_checksum(archive)
    return archive


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base:
            found_here = sorted(Path(base).glob("Inno Setup */ISCC.exe"), reverse=True)
            if found_here:
                return found_here[0]
    return None


def windows_installer(version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("Inno Setup (ISCC.exe) not found: skipped the installer; see packaging/README.md")
        return None
    script = PACKAGING / "windows" / f"{APP}.iss"
    subprocess.run([str(iscc), f"/DAppVersion={version}", str(script)], cwd=ROOT, check=True)
    installer = DIST / f"{APP}-{version}-windows-setup.exe"
    write_checksum(installer)
    return installer


def mac_dmg(version: str) -> Path | None:
    if shutil.which("hdiutil") is None:
        return None
    arch = platform.machine() or "unknown"  # arm64 or x86_64
    dmg = DIST / f"{APP}-{version}-macos-{arch}.dmg"
    subprocess.run(
        ["hdiutil", "create", "-volname", "Kiwoom Ticket", "-srcfolder", str(DIST / MAC_APP),
         "-ov", "-format", "UDZO", str(dmg)],
        check=True,
    )
    write_checksum(dmg)
    return dmg


def build(clean: bool = False, archive: bool = True) -> BuildResult:
    version = app_version()
    check_installed_metadata(version)
    started = time.perf_counter()
    if clean:
        shutil.rmtree(WORK, ignore_errors=True)
        shutil.rmtree(DIST / APP, ignore_errors=True)
    run_pyinstaller(clean)
    seconds = time.perf_counter() - started
    bundle = DIST / MAC_APP if sys.platform == "darwin" else DIST / APP
    result = BuildResult(sys.platform, version, seconds, bundle, tree_bytes(bundle))
    if sys.platform.startswith("linux"):
        import elfcheck  # local module; readelf only exists where it matters

        result.missing_libraries = elfcheck.unresolved(bundle)
        result.system_libraries = elfcheck.system_needs(bundle)
        result.dangling_links = elfcheck.dangling_links(bundle)
        result.glibc = elfcheck.glibc_floor(bundle)
        if archive:
            result.artifacts.append(linux_archive(bundle, version))
    elif sys.platform == "win32" and archive:
        installer = windows_installer(version)
        if installer:
            result.artifacts.append(installer)
    elif sys.platform == "darwin" and archive:
        dmg = mac_dmg(version)
        if dmg:
            result.artifacts.append(dmg)
    result.total_seconds = time.perf_counter() - started
    return result


def report(result: BuildResult) -> None:
    exe = APP + (".exe" if result.platform == "win32" else "")
    print(f"\nBuilt {APP} {result.version} for {result.platform} in {result.total_seconds:.1f} s"
          f" (PyInstaller {result.seconds:.1f} s)")
    print(f"  app:      {result.bundle} ({result.bundle_bytes / MB:.1f} MB)")
    if result.platform != "darwin":
        print(f"  run:      {result.bundle / exe}")
    for artifact in result.artifacts:
        print(f"  package:  {artifact} ({artifact.stat().st_size / MB:.1f} MB)")
        print(f"  sha256:   {artifact.with_name(artifact.name + '.sha256')}")
    if result.platform.startswith("linux"):
        if result.artifacts:
            print(f"  install:  tar xzf <archive> && ./{APP}-{result.version}/install.sh")
        print(f"  system:   {' '.join(result.system_libraries)}")
        print(f"  glibc:    {result.glibc or '?'} or newer")
    for lib, users in sorted(result.missing_libraries.items()):
        print(f"  MISSING:  {lib} (needed by {', '.join(users[:3])})", file=sys.stderr)
    for link in result.dangling_links:
        print(f"  DANGLING: {link} (its target was trimmed; see packaging/trim.py)",
              file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build kiwoom-ticket for this platform.")
    parser.add_argument("--clean", action="store_true", help="start from an empty build cache")
    parser.add_argument(
        "--no-archive", action="store_true", help="stop after the app folder (no tar.gz/installer)"
    )
    args = parser.parse_args(argv)
    result = build(clean=args.clean, archive=not args.no_archive)
    report(result)
    if result.problems:
        print("The bundle is incomplete; see MISSING/DANGLING above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(PACKAGING))
    sys.exit(main())
