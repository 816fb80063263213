"""The HTTP face of the practice exchange (aiohttp): Kiwoom's REST paths and errors.

Each request: count it, apply the global latency and any fault, read the body (capped),
check authorization, api-id, path and rate limit, then run the handler under the
simulator lock. Handlers are plain functions; nothing here blocks the loop for long.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import cast

from aiohttp import web

from . import admin, errors
from .calls import OK_MSG, text_fields
from .clock import KST
from .core import Call, Core, Reply
from .errors import KiwoomError, OrderRejected, order_reject
from .faults import Fault, Faults
from .ratelimit import RateLimiter
from .realtime import WS_PATH, Realtime
from .routes import PATH_OF, REVOKE_API_ID, ROUTES, TOKEN_API_ID
from .tokens import TokenStore

log = logging.getLogger(__name__)

JSON_TYPE = "application/json;charset=UTF-8"
HTML_500 = (
    "<html><head><title>500 Internal Server Error</title></head><body>"
    "<center><h1>500 Internal Server Error</h1></center></body></html>"
)
TRUNCATED_JSON = b'{"return_code":0,"return_msg":"\xec\xa0\x95\xec\x83\x81'  # cut mid-string


class ApiServer:
    def __init__(
        self, core: Core, tokens: TokenStore, faults: Faults, limiter: RateLimiter | None,
        realtime: Realtime | None = None, reset: Callable[[], None] | None = None,
    ) -> None:
        self.core = core
        self._reset = reset  # the account's reset, for the admin endpoint
        self.tokens = tokens
        self.faults = faults
        self.limiter = limiter
        self.realtime = realtime  # the WebSocket on the same port (realtime.py)
        self._received: Counter[str] = Counter()
        self._count_lock = threading.Lock()

    def received(self, api_id: str) -> int:
        with self._count_lock:
            return self._received[api_id]

    def received_all(self) -> dict[str, int]:
        with self._count_lock:
            return dict(self._received)

    def application(self) -> web.Application:
        app = web.Application(client_max_size=self.core.config.max_body_bytes)
        app.router.add_post("/oauth2/token", self._token)
        app.router.add_post("/oauth2/revoke", self._revoke)
        admin.add_routes(app, self.core, self.faults, self.received_all, self._reset,
                         self.realtime.feed if self.realtime is not None else None)
        if self.realtime is not None:
            app.router.add_get(WS_PATH, self.realtime.handle)
        app.router.add_route("*", "/{tail:.*}", self._api)
        return app

    # --- endpoints -----------------------------------------------------------------

    async def _token(self, request: web.Request) -> web.StreamResponse:
        return await self._serve(request, TOKEN_API_ID, self._issue)

    async def _revoke(self, request: web.Request) -> web.StreamResponse:
        return await self._serve(request, REVOKE_API_ID, self._revoke_token)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        api_id = request.headers.get("api-id", "").strip()
        return await self._serve(request, api_id, self._dispatch)

    # --- the pipeline --------------------------------------------------------------

    async def _serve(
        self, request: web.Request, key: str,
        work: Callable[[web.Request, str, bytes], Reply],
    ) -> web.StreamResponse:
        with self._count_lock:
            self._received[key] += 1
        if self.faults.latency_ms > 0:
            await asyncio.sleep(self.faults.latency_ms / 1000)
        fault = self.faults.take(key)
        if fault and fault.kind == "latency" and fault.phase == "before":
            await asyncio.sleep(fault.seconds)
        if fault and fault.blocks:
            return self._blocked(request, key, fault)
        try:
            raw = await request.read()
        except web.HTTPRequestEntityTooLarge:
            limit = self.core.config.max_body_bytes
            return _error(errors.bad_format("body", f"요청 본문이 {limit}바이트를 넘습니다", 413), key)
        except ConnectionError:
            # The caller hung up (its own deadline, a killed process) before its request
            # arrived whole: nothing was carried out, and there is no one to answer.
            log.info("practice exchange: %s: the caller hung up mid-request", key)
            return web.Response(status=499)
        if fault and fault.kind == "late_ghost":
            asyncio.get_running_loop().call_later(
                fault.seconds or 2.0, self._carry_out, request, key, raw, work)
            per_second = self.limiter.per_second if self.limiter else self.core.config.rate()[0]
            return _error(errors.rate_limited(per_second, key), key)
        response = self._carry_out(request, key, raw, work)
        if fault:
            return await self._after(request, fault, response)
        return response

    def _carry_out(
        self, request: web.Request, key: str, raw: bytes,
        work: Callable[[web.Request, str, bytes], Reply],
    ) -> web.Response:
        try:
            return _json(work(request, key, raw), key)
        except KiwoomError as e:
            return _error(e, key)
        except OrderRejected as e:
            return _error(order_reject(e.code, self.core.config.is_mock), key)
        except Exception as e:  # never let one request take the server down
            log.exception("practice exchange: request failed")
            return _error(errors.unexpected(type(e).__name__), key)

    async def _after(
        self, request: web.Request, fault: Fault, response: web.Response
    ) -> web.StreamResponse:
        if fault.kind == "latency":
            if fault.phase == "after":  # a "before" latency was served before the work
                await asyncio.sleep(fault.seconds)
        elif fault.kind == "drop_after_accept":
            if request.transport is not None:
                request.transport.abort()  # the work is done; the caller never hears
            raise asyncio.CancelledError
        elif fault.kind == "bad_json":
            return web.Response(body=TRUNCATED_JSON, headers=_headers(Reply({}), ""),
                                status=200)
        elif fault.kind == "redirect":
            return web.Response(status=307, headers={
                "Location": "http://127.0.0.2:9" + request.path_qs}, body=response.body)
        elif fault.kind == "oversize":
            return web.Response(body=b'{"return_msg":"' + b"x" * 1_048_576 + b'"}',
                                headers=_headers(Reply({}), ""), status=200)
        elif fault.kind == "mistyped":
            data = json.loads(cast(bytes, response.body)) if response.body else {}  # ours: bytes
            if isinstance(data, dict) and str(data.get("ord_no", "")).isdigit():
                data["ord_no"] = int(data["ord_no"])
            return web.Response(body=json.dumps(data).encode(), headers=_headers(Reply({}), ""),
                                status=200)
        elif fault.kind == "slow_drip":
            return await self._drip(request, response)
        elif fault.kind == "events_first" and self.realtime is not None:
            await self.realtime.flushed()  # the order's 00 frames go out before its reply,
            await asyncio.sleep(fault.seconds or 0.05)  # and have time to land
        return response

    async def _drip(self, request: web.Request, response: web.Response) -> web.StreamResponse:
        """The real reply, a byte every half second, until the caller gives up."""
        body = bytes(cast(bytes, response.body) or b"")  # a Response this server made: bytes
        drip = web.StreamResponse(status=200, headers={"Content-Type": JSON_TYPE,
                                                      "Content-Length": str(len(body))})
        try:
            await drip.prepare(request)
            for i in range(len(body)):
                await drip.write(body[i:i + 1])
                await asyncio.sleep(0.5)
            await drip.write_eof()
        except (ConnectionError, RuntimeError):
            pass  # the caller hung up: what we meant to show
        return drip

    def _blocked(self, request: web.Request, key: str, fault: Fault) -> web.Response:
        if fault.kind == "http500":
            return web.Response(text=HTML_500, status=500, content_type="text/html")
        if fault.kind == "rate_limit":
            per_second = self.limiter.per_second if self.limiter else self.core.config.rate()[0]
            return _error(errors.rate_limited(per_second, key), key)
        token = _bearer(request.headers.get("authorization", ""))
        if token:
            self.tokens.expire(token)
        return _error(errors.token_invalid(), key)

    # --- work (runs on the loop thread, under the lock) ------------------------------

    def _dispatch(self, request: web.Request, api_id: str, raw: bytes) -> Reply:
        path = request.path
        if request.method != "POST":
            raise errors.bad_request(1504, f"POST만 지원합니다. URI={errors.clip(path, 100)}", status=405)
        self._authorize(request.headers.get("authorization"))
        if not api_id:
            raise errors.api_id_missing()
        if api_id not in PATH_OF:
            raise errors.unknown_api_id(api_id)
        # Kiwoom answers a URI it does not serve as one that does not serve this api-id:
        # HTTP 200, return_code 1, [1504:… API ID=…, URI=…] (kiwoom-rest-notes §5, §10).
        handler = ROUTES.get(path, {}).get(api_id)
        if handler is None:
            raise errors.wrong_path(api_id, path)
        if self.limiter is not None and not self.limiter.allow(api_id):
            raise errors.rate_limited(self.limiter.per_second, api_id)
        call = Call(
            api_id, path, _parse(raw),
            request.headers.get("cont-yn", "N").strip().upper(),
            request.headers.get("next-key", "").strip(),
        )
        with self.core.lock:
            self.core.engine.roll_day()
            return handler(self.core, call)

    def _authorize(self, header: str | None) -> None:
        if header is None or not header.strip():
            raise errors.auth_header(1513)
        scheme, _, token = header.strip().partition(" ")
        if not _:
            raise errors.auth_header(1514)
        if scheme.lower() != "bearer":
            raise errors.auth_header(1515)
        token = token.strip()
        if not token:
            raise errors.auth_header(1516)
        if not self.tokens.valid(token):
            raise errors.token_invalid()

    def _issue(self, request: web.Request, key: str, raw: bytes) -> Reply:
        f = text_fields(_parse(raw), ("grant_type", "appkey", "secretkey"))
        if not f["grant_type"]:
            raise errors.oauth_failed(8011)
        if f["grant_type"] != "client_credentials":
            raise errors.oauth_failed(8012)
        if not f["appkey"] or not f["secretkey"]:
            raise errors.oauth_failed(8020)
        token, expires = self.tokens.issue(f["appkey"])
        return Reply({
            "expires_dt": expires.astimezone(KST).strftime("%Y%m%d%H%M%S"),
            "token_type": "Bearer",
            "token": token,
            "return_code": 0,
            "return_msg": OK_MSG,
        })

    def _revoke_token(self, request: web.Request, key: str, raw: bytes) -> Reply:
        f = text_fields(_parse(raw), ("appkey", "secretkey", "token"))
        if not f["appkey"] or not f["secretkey"]:
            raise errors.oauth_failed(8020)
        if not f["token"]:
            raise errors.oauth_failed(8016)
        if not self.tokens.revoke(f["token"]):
            raise errors.oauth_failed(8015)
        return Reply({"return_code": 0, "return_msg": OK_MSG})


def _parse(raw: bytes) -> dict:
    """The JSON object in a request body ({} when empty)."""
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise errors.bad_format("body", "JSON 형식이 아닙니다") from None
    if not isinstance(body, dict):
        raise errors.bad_format("body", "JSON 객체여야 합니다")
    return body


def _bearer(header: str) -> str:
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _headers(reply: Reply, api_id: str) -> dict[str, str]:
    # Echo the api-id only when it could be one: a 10,000-character header stays with its sender.
    echo = api_id if len(api_id) <= 10 and api_id.isascii() and api_id.isalnum() else ""
    return {
        "Content-Type": JSON_TYPE,
        "api-id": echo,
        "cont-yn": reply.cont_yn,
        "next-key": reply.next_key,
        **reply.headers,
    }


def _json(reply: Reply, api_id: str, status: int = 200) -> web.Response:
    body = json.dumps(reply.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return web.Response(body=body, status=status, headers=_headers(reply, api_id))


def _error(e: KiwoomError, api_id: str) -> web.Response:
    return _json(Reply(e.payload()), api_id, e.status)
