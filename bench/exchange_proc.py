"""The bench's practice exchange in a process of its own, as the app now runs Practice
(issue 26): the same handshake and stop as the app's (service.practice_process), with the
bench's SimConfig; the market and faults are driven over the exchange's loopback admin
endpoints.

    with RemoteExchange(profile="real", seed=5, rate_limits=False) as sim:
        sim.base_url; sim.market.set_price("005930", 200_000); sim.faults.set_latency(300)

Run as a script it is the child: `exchange_proc.py '{"profile": "real", ...}'`.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent


class _Admin:
    """One kept-alive loopback connection to the exchange's /_admin endpoints."""

    def __init__(self, host: str, port: int) -> None:
        self._conn = http.client.HTTPConnection(host, port, timeout=10)
        self._lock = threading.Lock()

    def post(self, name: str, body: dict) -> dict:
        data = json.dumps(body)
        with self._lock:
            self._conn.request("POST", f"/_admin/{name}", body=data,
                               headers={"Content-Type": "application/json"})
            reply = self._conn.getresponse()
            text = reply.read()
        if reply.status != 200:
            raise RuntimeError(f"/_admin/{name} {body}: HTTP {reply.status} {text[:200]!r}")
        return json.loads(text)

    def close(self) -> None:
        self._conn.close()


class _Market:
    def __init__(self, admin: _Admin) -> None:
        self._admin = admin

    def set_price(self, code: str, price: int) -> None:
        self._admin.post("market", {"action": "set_price", "stk_cd": code, "price": price})

    def step(self) -> None:
        self._admin.post("market", {"action": "step"})

    def freeze(self) -> None:
        self._admin.post("market", {"action": "freeze"})

    def unfreeze(self) -> None:
        self._admin.post("market", {"action": "unfreeze"})


class _Faults:
    def __init__(self, admin: _Admin) -> None:
        self._admin = admin

    def set_latency(self, ms: float) -> None:
        self._admin.post("faults", {"action": "latency", "ms": ms})


class _Feed:
    """The exchange's WebSocket feed, driven over /_admin/realtime: made-up entries (a
    flood of 00 events, a burst of trades) sent from inside the exchange's process."""

    def __init__(self, admin: _Admin) -> None:
        self._admin = admin

    def inject(self, type_: str, item: str, values: dict[str, str]) -> int:
        return self.inject_many([(type_, item, values)])

    def inject_many(self, entries: list[tuple[str, str, dict[str, str]]]) -> int:
        body = {"action": "inject",
                "entries": [{"type": t, "item": i, "values": v} for t, i, v in entries]}
        return int(self._admin.post("realtime", body)["sent"])

    def flood_trades(self, code: str, count: int) -> int:
        reply = self._admin.post("realtime", {"action": "flood_trades", "stk_cd": code,
                                              "count": count})
        return int(reply["sent"])


class _Realtime:
    def __init__(self, admin: _Admin) -> None:
        self.feed = _Feed(admin)


class RemoteExchange:
    """What the benches use of a Simulator (base_url, market, faults, stop), with the
    exchange in a child process."""

    def __init__(self, **config: object) -> None:
        from kiwoom_ticket.service.practice_process import PracticeProcess

        command = [sys.executable, str(HERE / "exchange_proc.py"), json.dumps(config)]
        self._process = PracticeProcess(Path(os.devnull), command=command)
        self._admin: _Admin | None = None

    def start(self) -> RemoteExchange:
        self._process.start()
        self._admin = _Admin(self._process.host, self._process.port)
        self.market, self.faults = _Market(self._admin), _Faults(self._admin)
        self.realtime = _Realtime(self._admin)
        return self

    @property
    def base_url(self) -> str:
        return self._process.base_url

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        self._process.stop()

    def __enter__(self) -> RemoteExchange:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def in_thread() -> bool:
    """BENCH_EXCHANGE=thread: the exchange in the bench's own process, on a thread, as
    Practice ran before issue 26 (to measure what moving it out does, in one run)."""
    return os.environ.get("BENCH_EXCHANGE") == "thread"


def practice_exchange(**config: object):
    """The bench's exchange, not started: a RemoteExchange, or with BENCH_EXCHANGE=thread
    an in-process Simulator (the same attributes the benches use)."""
    if in_thread():
        from kiwoom_ticket.simulator import SimConfig, Simulator

        return Simulator(SimConfig(**config))
    return RemoteExchange(**config)


def child(config_json: str) -> int:
    import logging
    import signal

    from kiwoom_ticket.simulator import SimConfig, Simulator
    from kiwoom_ticket.simulator.child import LOG_FORMAT, answer, watch_stdin

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format=LOG_FORMAT)
    if os.environ.get("BENCH_EXCHANGE_NICE"):  # an experiment: the exchange yields to the app
        os.nice(int(os.environ["BENCH_EXCHANGE_NICE"]))
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    sim = Simulator(SimConfig(**json.loads(config_json))).start()
    try:
        answer({"port": sim.port, "pid": os.getpid()})
        threading.Thread(target=watch_stdin, args=(stopping,), daemon=True).start()
        while not stopping.wait(1.0):
            pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(child(sys.argv[1]))
