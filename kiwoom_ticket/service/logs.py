"""The app's rotating log file, with secrets masked on the way out.

Two layers of masking: known secrets (the app key, secret key and every token seen)
are registered at run time and replaced wherever they appear, and anything shaped like
a bearer token or a key field is redacted even if nobody registered it.
"""

from __future__ import annotations

import logging
import re
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

from ..kiwoom.secrets import mask
from .paths import log_dir

LOG_FILE = "kiwoom-ticket.log"
_PATTERNS = (
    re.compile(r"(Bearer\s+)[A-Za-z0-9._\-+/=]+", re.IGNORECASE),
    re.compile(r"""(["']?(?:appkey|secretkey|token|authorization)["']?\s*[:=]\s*["']?)[^"',\s}]+""",
               re.IGNORECASE),
)


class SecretMasker(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def register(self, *secrets: str | None) -> None:
        with self._lock:
            self._secrets.update(s for s in secrets if s and len(s) >= 4)

    def scrub(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for s in secrets:
            if s in text:
                text = text.replace(s, mask(s))
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + "***", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self.scrub(message)
        record.args = None
        if record.exc_info:
            # Render the traceback now, scrubbed, so no handler formats the raw one.
            formatter = logging.Formatter()
            record.exc_text = self.scrub(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


masker = SecretMasker()


def setup_logging(directory: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to a rotating file (1 MB x 5). Returns the file's path.

    The handler sits on the root logger so every library's records pass the masker; the
    app's own loggers log at `level`, everyone else's at WARNING."""
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    stop_logging()
    root = logging.getLogger()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(masker)
    handler._kiwoom_ticket = True  # type: ignore[attr-defined]  # marks ours for stop_logging
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("kiwoom_ticket").setLevel(level)
    return path


def stop_logging() -> None:
    """Detach and close the file handler that setup_logging added."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiwoom_ticket", False):
            root.removeHandler(h)
            h.close()
