"""The parts of one practice exchange that request handlers work with."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .account import Account
from .clock import Clock
from .config import SimConfig
from .engine import Engine
from .market import Market


@dataclass
class Call:
    """One API request, after transport checks: its api-id, JSON body and paging headers."""

    api_id: str
    path: str
    body: dict
    cont_yn: str = "N"
    next_key: str = ""


@dataclass
class Reply:
    payload: dict
    cont_yn: str = "N"
    next_key: str = ""
    headers: dict = field(default_factory=dict)


@dataclass
class Core:
    config: SimConfig
    lock: threading.RLock
    clock: Clock
    market: Market
    account: Account
    engine: Engine
