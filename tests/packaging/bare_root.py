"""A throwaway chroot holding only glibc, zlib and what `apt install libgl1 libegl1` brings.

Used to prove that the frozen app carries everything else (Qt, fonts, certificates, keyring
backends). Needs root and chroot(8); callers skip when either is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

CHROOT = shutil.which("chroot") or "/usr/sbin/chroot"

# The libraries a bare Debian/Ubuntu desktop with libgl1 + libegl1 has; their own
# dependencies come along through ldd.
SEED_LIBRARIES = (
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
    "libresolv.so.2", "libz.so.1", "libGL.so.1", "libEGL.so.1",
)


def can_chroot() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and Path(CHROOT).exists()


def system_library(name: str) -> Path:
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    pattern = re.compile(rf"\s*{re.escape(name)} \(([^)]*)\) => (\S+)")
    found = [m.groups() for m in map(pattern.match, listing.splitlines()) if m]
    if not found:
        raise FileNotFoundError(name)
    # Prefer the 64-bit copy when a 32-bit one is installed too.
    found.sort(key=lambda arch_path: "64" not in arch_path[0])
    return Path(found[0][1])


def with_dependencies(library: Path) -> set[Path]:
    out = subprocess.run(["ldd", str(library)], capture_output=True, text=True).stdout
    found = {library}
    for line in out.splitlines():
        match = re.search(r"=> (/\S+)", line) or re.match(r"\s*(/\S+) \(", line)
        if match:
            found.add(Path(match.group(1)))
    return found


def make_bare_root(root: Path, bundle: Path) -> Path:
    """Lay out the chroot at root with the bundle at /app/kiwoom-ticket; return that path."""
    libs: set[Path] = set()
    for name in SEED_LIBRARIES:
        libs |= with_dependencies(system_library(name))
    for lib in libs:
        # Keep each library's own path: the dynamic loader's path is baked into executables.
        target = root / lib.relative_to("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(lib.resolve(), target)
    for folder in ("tmp", "home/user", "dev", "etc"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    # Every real system has these; without them "localhost" and the user name do not resolve.
    (root / "etc" / "hosts").write_text("127.0.0.1 localhost\n::1 localhost\n")
    (root / "etc" / "passwd").write_text("root:x:0:0:root:/home/user:/bin/sh\n")
    (root / "tmp").chmod(0o1777)
    for name, minor in (("null", 3), ("zero", 5), ("urandom", 9)):
        os.mknod(root / "dev" / name, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    app = root / "app" / "kiwoom-ticket"
    shutil.copytree(bundle, app, symlinks=True)
    return Path("/app/kiwoom-ticket")


def run_in_root(root: Path, argv: list[str], env: dict[str, str], timeout: float):
    return subprocess.run(
        [CHROOT, str(root), *argv], env=env, capture_output=True, text=True, timeout=timeout
    )
