"""kiwoom-ticket: a desktop order ticket for Kiwoom Securities\x27 REST API.

The version lives in one place, pyproject.toml. `__version__` reads it from the installed
package's metadata (the frozen bundle carries that metadata: see packaging/kiwoom-ticket.spec),
on first use, so importing a subpackage does not pay for importlib.metadata.
"""

from __future__ import annotations

DIST_NAME = "kiwoom-ticket"
UNKNOWN_VERSION = "0+unknown"


def _read_version() -> str:
    from importlib import metadata

    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        pass
    # A checkout run without `pip install`: the version is in the project file beside it.
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    try:
        import tomllib

        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        if project.get("name") == DIST_NAME:
            return str(project["version"])
    except (OSError, KeyError, ValueError):
        pass
    return UNKNOWN_VERSION


def __getattr__(name: str) -> str:
    if name == "__version__":
        version = _read_version()
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
