"""The Kiwoom REST client: one keep-alive session, token lifecycle, paging, typed errors.

Blocking by design: the app calls it from one background worker thread, so calls leave
in the order they were made. Nothing here re-sends an order whose outcome is unknown.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import requests

from ..domain.orders import ORDER_PATH, OrderRequest
from ..domain.text import clip
from .environments import checked_base_url
from .errors import (
    ApiError,
    AuthError,
    BadResponse,
    KiwoomError,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    TokenTaken,
    TransportError,
)
from .pacing import Pacer
from .queries import KiwoomQueries
from .replies import OrderAck, check, decode, order_ack
from .secrets import Credentials
from .timeouts import DEFAULT_TIMEOUTS, Timeouts
from .token import Token, parse_expires_dt

if TYPE_CHECKING:
    from .token_renewals import TokenRenewals
from .transport import (
    BodyTooLarge,
    deadline,
    network_text,
    never_connected,
    new_session,
    post,
    read_capped,
    redirect_error,
)

log = logging.getLogger(__name__)

TOKEN_PATH = "/oauth2/token"
REVOKE_PATH = "/oauth2/revoke"
CONTENT_TYPE = "application/json;charset=UTF-8"
TAKEN_MESSAGE = ("다른 프로그램이 같은 앱키를 사용 중입니다. 다시 연결하면 되찾습니다 / Another program "
                 "is using this app key. Connect again to take it back")
AUTH_RETRY_CODES = frozenset({"8005", "8031", "8103"})
MAX_PAGES = 100
REVOKE_DEADLINE = 2.0  # seconds: logging out (and closing the app) never waits long
# Bodies larger than this are not read: an order reply is a few hundred bytes, a page of
# a list a few tens of kilobytes.
SMALL_REPLY_LIMIT = 64 * 1024
PAGE_REPLY_LIMIT = 4 * 1024 * 1024
QUERY_RETRIES = 2
QUERY_RETRY_WAIT = 1.0  # seconds; Kiwoom mock allows one request per second per api-id


@dataclass(frozen=True, slots=True)
class ApiResponse:
    body: dict[str, Any]
    http_status: int
    cont_yn: str = "N"
    next_key: str = ""

    @property
    def has_more(self) -> bool:
        return self.cont_yn == "Y" and bool(self.next_key)


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    headers: Mapping[str, str]
    data: Any  # decoded JSON, or None when the body isn't JSON


class KiwoomClient(KiwoomQueries):
    """A client for one base URL and one set of credentials."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials | None = None,
        *,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        verify: bool | str = True,
        pacer: Pacer | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        on_secret: Callable[[str], None] | None = None,
        renewals: TokenRenewals | None = None,
    ) -> None:
        if verify is False:
            # TLS can't be switched off; a test CA can be supplied as a path instead.
            raise ValueError("TLS verification can't be turned off")
        # Kiwoom hosts over verified HTTPS only; plain HTTP only to loopback.
        self.base_url = checked_base_url(base_url)
        self.credentials = credentials
        self.timeouts = timeouts
        self.pacer = pacer
        self._clock = clock
        self._sleep = sleep
        # Told about every secret this client holds, so log output can mask them.
        self._on_secret = on_secret or (lambda _secret: None)
        if credentials is not None:
            self._on_secret(credentials.appkey)
            self._on_secret(credentials.secretkey)
        self._token: Token | None = None
        self._token_lock = threading.Lock()
        # Every issue of a token for this app key, shared with this user's other programs:
        # a refused token is renewed at most once in a window (token_renewals.py).
        self._renewals = renewals
        self._taken = False  # told TokenTaken: no renewal until the trader connects again
        self._session = new_session()
        self._adapter = self._session.get_adapter(self.base_url)  # the DeadlineAdapter
        # Passed on every request, not set on the session: requests lets REQUESTS_CA_BUNDLE
        # override a session-level CA path, which would quietly ignore the one given here.
        self._verify = verify

    def __repr__(self) -> str:
        return f"KiwoomClient({self.base_url!r}, {self.credentials!r}, token={self._token!r})"

    def close(self) -> None:
        self._session.close()

    # ---- token lifecycle -------------------------------------------------------------

    @property
    def token(self) -> Token | None:
        return self._token

    def issue_token(self) -> Token:
        """au10001 now (the trader connecting: whatever the renewal window says; another
        program using the app key loses its token). Replaces the current token."""
        token = self._issue(renewal=False)
        self._taken = False
        return token

    def _issue(self, renewal: bool) -> Token:
        """au10001 under the app key's shared lock. `renewal`: the last token was refused;
        TokenTaken if one was issued for the app key within the renewal window."""
        if self._renewals is None:
            return self._issue_now()
        if renewal and self._taken:
            raise TokenTaken(TAKEN_MESSAGE, api_id="au10001", code="8005")
        try:
            return self._renewals.issue(self._issue_now, renewal=renewal)
        except TokenTaken as exc:
            self._taken = True
            log.warning("token not renewed: %s", exc.message)
            raise
        except TimeoutError as exc:  # another program's issue never finished
            raise NotSent(f"토큰 발급 대기 시간 초과 / Token issue waited too long ({exc})",
                          api_id="au10001") from None

    def _issue_now(self) -> Token:
        if self.credentials is None or not self.credentials.complete:
            raise AuthError("앱키와 시크릿키가 없습니다 / App key and secret key are missing",
                            api_id="au10001")
        body = {
            "grant_type": "client_credentials",
            "appkey": self.credentials.appkey,
            "secretkey": self.credentials.secretkey,
        }
        reply = self._post(TOKEN_PATH, "au10001", body, auth=False, log_body=False)
        data = self._check(reply, "au10001")
        value, expires = data.get("token"), data.get("expires_dt")
        try:
            if not isinstance(value, str) or not isinstance(expires, str):
                raise ValueError("token and expires_dt must be text")
            token = Token(value.strip(), parse_expires_dt(expires),
                          str(data.get("token_type") or "Bearer"))
        except ValueError as exc:
            raise BadResponse("토큰 응답 형식이 올바르지 않습니다 / Malformed token response",
                              api_id="au10001", http_status=reply.status) from exc
        if not token.value or len(token.value) > 4096 or any(c.isspace() for c in token.value):
            raise BadResponse("빈 토큰 / Empty token", api_id="au10001")
        self._on_secret(token.value)
        self._token = token
        log.info("token issued, expires %s", token.expires_at.isoformat())
        return token

    def ensure_token(self) -> Token:
        with self._token_lock:
            if self._token is None or self._token.needs_refresh():
                if self._taken:  # an expiry doesn't take the app key back either
                    raise TokenTaken(TAKEN_MESSAGE, api_id="au10001", code="8005")
                return self._issue(renewal=False)
            return self._token

    def renew_token(self, refused: str | None = None) -> Token:
        """A new token now (the old one was refused, e.g. by the WebSocket's LOGIN);
        TokenTaken if one was issued for the app key within the renewal window.
        `refused`: the token that was refused; if this client has another by now (a call
        on another thread renewed it), that one, and no new issue."""
        with self._token_lock:
            current = self._token
            if refused is not None and current is not None and current.value != refused:
                return current
            return self._issue(renewal=True)

    def _token_or_not_sent(self, api_id: str, renew: bool = False,
                           refused: str | None = None) -> None:
        """Make sure a token is at hand before `api_id` goes out. A token call that fails in
        transit means the request itself never left: say so (NotSent), so an order is not
        mistaken for one whose outcome is unknown."""
        try:
            if renew:
                self.renew_token(refused)
            else:
                self.ensure_token()
        except TransportError as exc:
            raise NotSent(f"토큰을 받지 못해 보내지 않았습니다 / Not sent: no token ({exc.message})",
                          api_id=api_id) from None

    def revoke_token(self) -> None:
        """au10002. Best effort: the token is forgotten locally whatever the server says."""
        token, self._token = self._token, None
        if token is None or self.credentials is None or self._taken:
            return  # (taken: another program's token replaced it; nothing left to revoke)
        body = {
            "appkey": self.credentials.appkey,
            "secretkey": self.credentials.secretkey,
            "token": token.value,
        }
        try:
            reply = self._post(REVOKE_PATH, "au10002", body, auth=False, log_body=False,
                               total=min(REVOKE_DEADLINE, self.timeouts.total))
            self._check(reply, "au10002")
            log.info("token revoked")
        except KiwoomError as exc:
            log.warning("token revoke failed: %s", exc)

    # ---- calls -----------------------------------------------------------------------

    def call(
        self,
        path: str,
        api_id: str,
        body: dict[str, Any],
        *,
        next_key: str | None = None,
    ) -> ApiResponse:
        """One authorised call. On a refused token (8005 ...) the token is re-issued and the
        call is made once more: the server refused it before processing, so that is safe."""
        self._token_or_not_sent(api_id)
        used = self._token.value if self._token is not None else None
        reply = self._post(path, api_id, body, next_key=next_key)
        try:
            data = self._check(reply, api_id)
        except AuthError as exc:
            if exc.code not in AUTH_RETRY_CODES:
                raise
            log.info("%s: token refused (%s); re-issuing once", api_id, exc.code)
            self._token_or_not_sent(api_id, renew=True, refused=used)
            reply = self._post(path, api_id, body, next_key=next_key)
            data = self._check(reply, api_id)
        return ApiResponse(
            data,
            reply.status,
            clip(reply.headers.get("cont-yn", "N"), 1),
            clip(reply.headers.get("next-key", ""), 200),
        )

    def query(
        self,
        path: str,
        api_id: str,
        body: dict[str, Any],
        *,
        next_key: str | None = None,
    ) -> ApiResponse:
        """A read-only call: when the server says "too many requests", wait and ask again
        (twice at most). Reads change nothing, so asking again is safe; orders never come
        through here (send_order uses `call`, which never repeats an order)."""
        for attempt in range(QUERY_RETRIES + 1):
            try:
                return self.call(path, api_id, body, next_key=next_key)
            except RateLimited:
                if attempt == QUERY_RETRIES:
                    raise
                self._sleep(QUERY_RETRY_WAIT * (attempt + 1))
        raise AssertionError("unreachable")

    def call_pages(
        self, path: str, api_id: str, body: dict[str, Any], list_key: str
    ) -> list[dict[str, Any]]:
        """Follow `cont-yn`/`next-key` to the end and return every row of `list_key`.
        Ignoring continuation is how orders go missing (30-row pages)."""
        rows: list[dict[str, Any]] = []
        next_key: str | None = None
        for _ in range(MAX_PAGES):
            page = self.query(path, api_id, body, next_key=next_key)
            page_rows = page.body.get(list_key) or []
            if not isinstance(page_rows, list) or not all(isinstance(r, dict) for r in page_rows):
                raise BadResponse(f"목록 형식 오류 ({list_key}) / Malformed list ({list_key})",
                                  api_id=api_id, http_status=page.http_status)
            rows.extend(page_rows)
            if not page.has_more:
                return rows
            next_key = page.next_key
        raise ApiError(f"더 많은 페이지 / More than {MAX_PAGES} pages", api_id=api_id)

    def send_order(self, order: OrderRequest) -> OrderAck:
        """POST one order. Raises OrderRejected, RateLimited, AuthError, NotSent or
        OutcomeUnknown; never sends the same order twice except after a token refusal.
        A reply that isn't exactly Kiwoom's shape is OutcomeUnknown (BadResponse)."""
        resp = self.call(ORDER_PATH, order.api_id, order.body())
        log.info("%s reply %s", order.api_id, clip(repr(resp.body)))
        return order_ack(order.api_id, resp.body, order.exchange.value, resp.http_status)

    # ---- plumbing --------------------------------------------------------------------

    def _post(
        self,
        path: str,
        api_id: str,
        body: dict[str, Any],
        *,
        auth: bool = True,
        next_key: str | None = None,
        log_body: bool = True,
        total: float | None = None,
    ) -> _Reply:
        headers = {"Content-Type": CONTENT_TYPE, "api-id": api_id}
        if auth and self._token is not None:
            headers["authorization"] = self._token.header
        if next_key:
            headers["cont-yn"] = "Y"
            headers["next-key"] = next_key
        if self.pacer is not None:
            self.pacer.wait(api_id)
        limit = SMALL_REPLY_LIMIT if path in _SMALL_REPLIES else PAGE_REPLY_LIMIT
        started = self._clock()
        total = total or self.timeouts.total
        with deadline(total) as ends:
            try:
                resp = post(self._adapter, self.base_url + path, headers,
                            json.dumps(body, ensure_ascii=False).encode("utf-8"),
                            timeout=self.timeouts.as_tuple(), verify=self._verify)
                with resp:
                    if resp.is_redirect or 300 <= resp.status_code < 400:
                        raise redirect_error(resp, api_id)
                    raw = read_capped(resp, limit)
            except (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError) as exc:
                raise NotSent(network_text("연결하지 못했습니다", "Could not connect", exc),
                              api_id=api_id) from None
            except BodyTooLarge:
                raise BadResponse(f"응답이 너무 큽니다 (>{limit // 1024} KB) / Reply too large "
                                  f"(>{limit // 1024} KB)", api_id=api_id,
                                  http_status=resp.status_code) from None
            except KiwoomError:
                raise
            except Exception as exc:
                if time.monotonic() >= ends or isinstance(exc, requests.exceptions.Timeout):
                    waited = total if time.monotonic() >= ends else self.timeouts.read
                    raise OutcomeUnknown(f"응답 시간 초과 ({waited:g}초) / No reply within "
                                         f"{waited:g} s", api_id=api_id) from None
                if (isinstance(exc, requests.exceptions.ConnectionError)
                        and never_connected(exc)):
                    raise NotSent(network_text("연결하지 못했습니다", "Could not connect", exc),
                                  api_id=api_id) from None
                if isinstance(exc, requests.exceptions.ConnectionError):
                    raise OutcomeUnknown(network_text("응답 전에 연결이 끊겼습니다",
                                              "Connection dropped before a reply", exc),
                                         api_id=api_id) from None
                raise OutcomeUnknown(network_text("통신 오류", "Network error", exc),
                                     api_id=api_id) from None
        elapsed_ms = (self._clock() - started) * 1000
        log.info("%s %s -> HTTP %s in %.0f ms%s", api_id, path, resp.status_code, elapsed_ms,
                 f" body={body}" if log_body else "")
        try:
            data = decode(raw)
        except ValueError:
            data = None
        return _Reply(resp.status_code, resp.headers, data)

    def _check(self, reply: _Reply, api_id: str) -> dict[str, Any]:
        """The body of a return_code 0 reply; the right typed error for anything else."""
        return check(reply.status, reply.headers.get("Content-Type", ""), reply.data, api_id)


_SMALL_REPLIES = frozenset({ORDER_PATH, TOKEN_PATH, REVOKE_PATH})
