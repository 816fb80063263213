"""What a realtime session reports to its owner, and how it paces itself. No Qt: the owner
receives plain calls on the session's loop (the owner's own, or the session's thread).

Light on purpose: the window names the stream's states before it shows; frames and the
client load only when a stream starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

    from .frames import RealEntry

CONNECTING = "connecting"  # the first connection is being made
LIVE = "live"  # logged in, every registration acknowledged: the stream can be trusted
RECONNECTING = "reconnecting"  # the stream was lost (or never came); trying again
DOWN = "down"  # stopped for good: by the owner, or another program took the session

# Why the stream is not live, as a word the UI turns into the trader's language
# (StreamStatus.cause); the reason beside it keeps the details as they came.
STOPPED = "stopped"  # the owner asked
CRASHED = "crashed"  # the session's own code failed: it starts over after a backoff
TOO_BIG = "too_big"  # a message past the size limit (detail: its size)
CLOSED = "closed"  # the server closed the connection (detail: the close code)
NETWORK = "network"  # the connection failed or broke (TLS, refused, reset)
SILENT = "silent"  # nothing from the server for too long (detail: seconds)
TIMEOUT = "timeout"  # no handshake, LOGIN or REG answer in time
TOKEN_REFUSED = "token_refused"  # LOGIN refused the token (805004): a fresh one is asked for
TOKEN_TAKEN = "token_taken"  # a fresh token refused too: another program uses the app key
LOGIN_REFUSED = "login_refused"  # LOGIN refused for another reason
KICKED = "kicked"  # R10001: another program took this app key's session
HEARTBEAT = "heartbeat"  # R10002: Kiwoom heard no PING echoes
SERVER_NOTICE = "server_notice"  # another SYSTEM code before the close


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class StreamStatus:
    state: str
    since: datetime  # when this began; reconnecting: when the stream was lost
    reason: str = ""  # the last thing that went wrong, in Kiwoom's words where it gave some
    code: str = ""  # Kiwoom's code, when it sent one: R10001, R10002, 805004, ...
    name: str = ""  # which session (the environment it serves)
    cause: str = ""  # one of the words above, for the UI's own words
    detail: str = ""  # what the words need: "10 MB", "1006", "35"

    @property
    def live(self) -> bool:
        return self.state == LIVE


@dataclass(frozen=True)
class Gap:
    """The stream was down from `lost_at` to `resumed_at`: whatever happened in between was
    not seen. Sent once the session is live again (LOGIN answered, every registration
    acknowledged), so that catching up from REST now covers the whole hole."""

    lost_at: datetime
    resumed_at: datetime
    reason: str


@dataclass(frozen=True)
class Notice:
    """Something Kiwoom said that needs no reconnect: a registration refused, a SYSTEM
    frame that is only information."""

    trnm: str
    code: str
    message: str


class StreamEvents:
    """Override what you need. Each is called on the session's loop, one at a time;
    an exception raised here is logged and the stream goes on."""

    def on_status(self, status: StreamStatus) -> None:
        pass

    def on_entries(self, entries: list[RealEntry]) -> None:
        """Entries of one REAL frame, repeats of already-seen 00/0B events left out."""

    def on_gap(self, gap: Gap) -> None:
        pass

    def on_notice(self, notice: Notice) -> None:
        pass


@dataclass(frozen=True)
class Backoff:
    """Waits between attempts: first, first × factor, … up to cap, each shortened by a
    random part of up to `jitter` (so many clients do not come back in step)."""

    first: float = 0.5
    factor: float = 2.0
    cap: float = 30.0
    jitter: float = 0.5

    def delay(self, attempt: int, rng: random.Random) -> float:
        d = min(self.cap, self.first * self.factor ** min(attempt, 32))
        return d * (1.0 - self.jitter * rng.random())


@dataclass(frozen=True)
class Timing:
    connect: float = 10.0  # the WebSocket handshake
    answer: float = 10.0  # a LOGIN or REG answer
    # Kiwoom PINGs about every 10 s: nothing at all for this long means a dead link.
    stale_after: float = 35.0
    stable_after: float = 30.0  # a session live this long starts the backoff over
