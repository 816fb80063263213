"""Order service: journal + client + reconciliation, and the keyring store. No Qt."""

from .account import AccountSnapshot, Holding, fetch_account
from .app_session import AppSession, ConnectionState, Event, NotConnected
from .credentials import CredentialStore
from .factory import open_service, practice_exchange, read_history, stop_practice_exchange
from .orders import OrderService, Quote

__all__ = [
    "AccountSnapshot",
    "AppSession",
    "ConnectionState",
    "CredentialStore",
    "Event",
    "Holding",
    "NotConnected",
    "OrderService",
    "Quote",
    "fetch_account",
    "open_service",
    "practice_exchange",
    "read_history",
    "stop_practice_exchange",
]
