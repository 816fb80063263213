"""Order service: journal + client + reconciliation, and the keyring store. No Qt.

It also hands the UI what it needs of the Kiwoom client (keys, token, the errors it
explains), so the UI never imports kiwoom_ticket.kiwoom itself."""

from ..kiwoom.errors import ApiError, KiwoomError
from ..kiwoom.secrets import Credentials, mask
from ..kiwoom.token import Token
from .account import AccountSnapshot, Holding, fetch_account
from .app_session import AppSession, ConnectionState, Event, NotConnected
from .credentials import CredentialStore
from .factory import open_service, practice_exchange, read_history, stop_practice_exchange
from .orders import OrderService, Quote

__all__ = [
    "AccountSnapshot", "ApiError", "AppSession", "ConnectionState", "CredentialStore",
    "Credentials", "Event", "Holding", "KiwoomError", "NotConnected", "OrderService", "Quote",
    "Token", "fetch_account", "mask", "open_service", "practice_exchange", "read_history",
    "stop_practice_exchange",
]
