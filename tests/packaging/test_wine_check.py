"""packaging/windows/wine_check.py's pieces that need no Wine (the check itself runs in
.ci/run with CI=true): what the two Windows Pythons hold, the installer script it compiles,
and the Wine-only shims staying out of the bundle."""

from __future__ import annotations

import importlib.util
import re
import sys

from packaging_helpers import PACKAGING, ROOT

WINDOWS = PACKAGING / "windows"


def wine_check():
    name = "kiwoom_packaging_wine_check"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, WINDOWS / "wine_check.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_the_build_python_holds_the_runtime_dependencies_and_pyinstaller_only():
    check = wine_check()
    build, test = names(check.requirements("build")), names(check.requirements("test"))
    assert {"pyside6-essentials", "requests", "keyring", "pyinstaller"} <= build
    assert {"pytest", "hypothesis", "trustme", "ruff"} <= test
    assert not build & {"pytest", "hypothesis", "trustme", "ruff", "zizmor", "pyyaml"}
    # pip resolves markers for the Linux host: the Windows-only ones are named.
    assert {"pywin32-ctypes", "pefile", "colorama"} <= build


def test_the_installer_script_changes_only_minversion_for_wine(tmp_path):
    original = WINDOWS / "kiwoom-ticket.iss"
    copy = tmp_path / original.name
    copy.write_bytes(original.read_bytes())
    changed = wine_check().wine_script(copy)
    assert changed.parent == copy.parent  # relative paths in the script still hold
    before = original.read_text(encoding="utf-8").splitlines()
    after = changed.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    diff = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert diff == [("MinVersion=10.0.17763", "MinVersion=6.1")]


def test_the_wine_shims_are_never_bundled():
    check = wine_check()
    assert {"icuuc.dll", "bcryptprimitives.dll"} <= set(check.NOT_IN_BUNDLE)
    spec = (PACKAGING / "kiwoom-ticket.spec").read_text(encoding="utf-8")
    assert "wine_shims" not in spec and "icuuc" not in spec
    assert sorted(p.name for p in (WINDOWS / "wine_shims").iterdir()) == [
        "bcryptprimitives.c", "icuuc.c"]


def test_the_icuuc_stub_exports_what_qt6core_imports_from_windows():
    # Qt6Core.dll (PySide6-Essentials 6.11, Windows) imports these from icuuc.dll; the
    # check compares the wheel's list again at run time and stops on a new one.
    stub = (WINDOWS / "wine_shims" / "icuuc.c").read_text(encoding="utf-8")
    exported = set(re.findall(r"^EXPORT [^(]*?\b(\w+)\(", stub, re.MULTILINE))
    assert exported == set(wine_check().ICU_IMPORTS)


def test_ci_runs_the_wine_check_and_fails_with_it():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "packaging/windows/wine_check.py" in ci
    assert 'windows=$?' in ci and '[ "$windows" = 0 ]' in ci
