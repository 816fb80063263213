"""Where the ticket's checks before an order leaves spend their time (issue 26): not a
figure, a profile. The real window (offscreen), a journal of 1,000 orders (as figure 2),
the 매수 tab filled as figure 2 fills it; then, without sending, many times over:

  form.decision()  = collect() + market() + precautions() + form_issues() + decide()

each part timed on its own (median of --rounds), and decide() under cProfile.

    python bench/checks_profile.py [--rounds 300] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (puts the repo on sys.path)
from exchange_proc import in_thread, practice_exchange
from window_bench import CASH, HISTORY, STOCK, _until

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


async def _run(rounds: int, top: int) -> str:
    import journal_fixture

    from kiwoom_ticket.app import build_window
    from kiwoom_ticket.domain.send_decision import decide
    from kiwoom_ticket.domain.ticks import step_ticks
    from kiwoom_ticket.service import open_service
    from kiwoom_ticket.ui.self_test import AnswerYes

    lines = []
    with tempfile.TemporaryDirectory(prefix="kt-bench-prof-") as home, \
            practice_exchange(profile="real", seed=5, rate_limits=False, cash=CASH) as sim:
        os.environ["KIWOOM_TICKET_HOME"] = home
        journal_fixture.build(Path(home), HISTORY)

        def factory(env, credentials=None):
            return open_service(env, credentials, base_url=sim.base_url,
                                data_dir=Path(home) / "data", pacing=False)

        window = build_window(service_factory=factory, dialogs=AnswerYes())
        try:
            window.show()
            await window.start()
            await _until(lambda: window.model.rowCount() > 0, "the history")
            form = window.buy_form
            form.stock.setText(STOCK)
            await _until(lambda: form.current_price() is not None, "a quote")
            form.trade_type.select("0")
            form.quantity.setText("7")
            form.price.setText(str(step_ticks(form.current_price(), -10)))
            d = form.decision()
            assert d.sends, d.report
            lines.append("exchange: " + ("in this process (thread)" if in_thread()
                                         else "in a process of its own"))
            lines.append(f"decision: {d.outcome.name}, ask {d.ask.name}, "
                         f"{len(d.report.warnings)} warnings; book of "
                         f"{window.model.rowCount()} rows")
            env = window.session.env
            args = (form.collect(), form.market(), env.exchanges, form.precautions(),
                    form.book)
            kw = {"connected": True, "extra": form.form_issues(),
                  "always_confirm": env.always_confirms}
            parts = {
                "form.decision() in all": form.decision,
                "  collect()": form.collect,
                "  market()": form.market,
                "  precautions()": form.precautions,
                "  form_issues()": form.form_issues,
                "  decide() (domain)": lambda: decide(*args, **kw),
                "    book.recent()": form.book.recent,
            }
            for _ in range(20):  # warm
                form.decision()
            for name, fn in parts.items():
                lines.append(f"{name:28s} {timed(fn, rounds) * 1e6:8.0f} µs")
            # What a keystroke costs the form before anything is painted: the field's
            # textChanged and what follows it (the estimate, the capacity line, the
            # messages); the digit alternates so every call is a change.
            price = form.price.text()
            other = str(step_ticks(int(price), -1))
            for name, edit, values in (("a digit in the quantity", form.quantity, ("7", "8")),
                                       ("a digit in the price", form.price, (price, other))):
                flip = iter(values * rounds)
                lines.append(f"{name:28s} "
                             f"{timed(lambda e=edit, f=flip: e.setText(next(f)), rounds) * 1e6:8.0f} µs")
            form.quantity.setText("7")
            form.price.setText(price)
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(rounds):
                decide(*args, **kw)
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
            lines.append(f"\ncProfile of decide() x {rounds}, by cumulative time:")
            lines.append(out.getvalue())
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(rounds):
                form.decision()
            prof.disable()
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
            lines.append(f"\ncProfile of form.decision() x {rounds}, by own time:")
            lines.append(out.getvalue())
            lines += await click_path(window, form, rounds // 5, top)
        finally:
            window.shutdown()
            window.close()
    return "\n".join(lines)


async def click_path(window, form, clicks: int, top: int) -> list[str]:
    """A click on 매수 until the form calls session.place (which is stubbed here: nothing
    is sent): wall time, then the same under cProfile."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    session = window.session
    place = session.place
    state: dict = {}

    async def stub(*_args, **_kwargs):
        state["at"] = time.perf_counter()
        if state.get("prof") is not None:
            state["prof"].disable()
        return []

    session.place = stub
    walls = []
    try:
        for i in range(clicks * 2):
            prof = cProfile.Profile() if i >= clicks else None
            state.update(at=None, prof=prof)
            t0 = time.perf_counter()
            if prof is not None:
                prof.enable()
            QTest.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
            await form.last_task
            if prof is None:
                walls.append(state["at"] - t0)
            else:
                state.setdefault("stats", []).append(prof)
    finally:
        session.place = place
    out = io.StringIO()
    stats = pstats.Stats(state["stats"][0], stream=out)
    for prof in state["stats"][1:]:
        stats.add(prof)
    stats.sort_stats("cumulative").print_stats(top)
    cum = out.getvalue()
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(top)
    return [f"\nclick on 매수 → session.place called: median {statistics.median(walls) * 1e3:.2f} ms"
            f" (n={len(walls)}, no profiler)",
            f"\ncProfile of the click path x {clicks}, by cumulative time:", cum,
            "\n... by own time:", out.getvalue()]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=300)
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    from kiwoom_ticket.app import create_app, route_qt_messages, run_on_qt_loop

    create_app(["kiwoom-ticket-bench"])
    route_qt_messages()
    print(run_on_qt_loop(_run(args.rounds, args.top)))


if __name__ == "__main__":
    main()
