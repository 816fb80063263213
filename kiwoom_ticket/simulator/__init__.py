"""The practice exchange: a local server that speaks Kiwoom's REST API (see simulator.py)."""

from .config import SimConfig
from .faults import KINDS as FAULT_KINDS
from .simulator import Simulator

__all__ = ["FAULT_KINDS", "SimConfig", "Simulator"]
