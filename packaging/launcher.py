"""Entry script for the frozen app: PyInstaller needs a file, and running
kiwoom_ticket/__main__.py as a script would break its package-relative imports."""

from kiwoom_ticket.__main__ import main

if __name__ == "__main__":
    raise SystemExit(main())
