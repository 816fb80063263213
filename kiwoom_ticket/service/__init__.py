"""Order service: journal + client + reconciliation, and the keyring store. No Qt."""

from .credentials import CredentialStore
from .factory import open_service, practice_exchange, stop_practice_exchange
from .orders import OrderService, Quote

__all__ = [
    "CredentialStore", "OrderService", "Quote", "open_service", "practice_exchange",
    "stop_practice_exchange",
]
