"""Check that a Linux bundle needs nothing from the system beyond glibc and the GL stack.

Reads every ELF file's DT_NEEDED entries (with `readelf -d`) and reports the libraries that
are neither inside the bundle nor in SYSTEM_LIBRARIES. Libraries loaded with dlopen/ctypes
are invisible to this check; the frozen app's own start-up test covers those.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

ELF_MAGIC = b"\x7fELF"

# What a target machine provides with glibc plus `apt install libgl1 libegl1` (whose
# dependencies bring libX11/libxcb, libdrm and libwayland-client). PyInstaller deliberately
# does not bundle these: they must match the machine's graphics driver. zlib is there too:
# PyInstaller's bootloader links it before the bundle is on the search path, and zlib1g has
# "required" priority on Debian and Ubuntu.
SYSTEM_LIBRARIES = re.compile(
    r"^(?:"
    r"ld-linux(?:-x86-64|-aarch64)?\.so\.\d+|libc\.so\.6|libm\.so\.6|libdl\.so\.2"
    r"|libpthread\.so\.0|librt\.so\.1|libutil\.so\.1|libresolv\.so\.2|libanl\.so\.1"
    r"|libz\.so\.1"
    r"|libGL\.so\.1|libEGL\.so\.1|libGLX\.so\.0|libGLdispatch\.so\.0"
    r"|libxcb\.so\.1|libX11\.so\.6|libdrm\.so\.2"
    r"|libwayland-(?:client|cursor|egl)\.so\.\d+"
    r")$"
)

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ELF_MAGIC
    except OSError:
        return False


def needed_libraries(path: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return _NEEDED.findall(out)


def bundle_elves(bundle: Path) -> list[Path]:
    return sorted(
        p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)
    )


def unresolved(bundle: Path) -> dict[str, list[str]]:
    """Map each missing library to the bundle files (relative paths) that need it.

    The launcher at the top of the bundle runs before the bundle's own folder is searched,
    so what it needs must come from the system.
    """
    present = {p.name for p in bundle.rglob("*")}
    missing: dict[str, list[str]] = defaultdict(list)
    for elf in bundle_elves(bundle):
        is_launcher = elf.parent == bundle
        for lib in needed_libraries(elf):
            if SYSTEM_LIBRARIES.match(lib) or (lib in present and not is_launcher):
                continue
            missing[lib].append(str(elf.relative_to(bundle)))
    return dict(missing)


def dangling_links(bundle: Path) -> list[str]:
    """Symlinks whose target was trimmed away."""
    return sorted(
        str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()
    )


def system_needs(bundle: Path) -> list[str]:
    """The allowed system libraries the bundle actually links against (for the report)."""
    present = {p.name for p in bundle.rglob("*")}
    libs = {
        lib
        for elf in bundle_elves(bundle)
        for lib in needed_libraries(elf)
        if lib not in present or elf.parent == bundle
    }
    return sorted(lib for lib in libs if SYSTEM_LIBRARIES.match(lib))


_GLIBC = re.compile(r"Name: GLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


def glibc_floor(bundle: Path) -> str | None:
    """The oldest glibc that can run the bundle: the newest GLIBC_x.y symbol version any
    bundled file asks for (`readelf -V`). Build on an old system to keep it low."""
    newest: tuple[int, ...] = ()
    for elf in bundle_elves(bundle):
        out = subprocess.run(
            ["readelf", "-V", "-W", str(elf)], capture_output=True, text=True, check=False
        ).stdout
        for match in _GLIBC.finditer(out):
            version = tuple(int(part) for part in match.groups() if part is not None)
            newest = max(newest, version)
    return ".".join(map(str, newest)) if newest else None
