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
    from kiwoom_ticket.simulator import SimConfig, Simulator
    from kiwoom_ticket.ui.self_test import AnswerYes

    lines = []
    with tempfile.TemporaryDirectory(prefix="kt-bench-prof-") as home, \
            Simulator(SimConfig(profile="real", seed=5, rate_limits=False, cash=CASH)) as sim:
        os.environ["KIWOOM_TICKET_HOME"] = home
        journal_fixture.build(Path(home), HISTORY)

        def factory(env, credentials=None):
            return open_service(env, credentials, base_url=sim.base_url,
                                data_dir=Path(home) / "data", pacing=False)

        window = build_window(service_factory=factory, dialogs=AnswerYes())
        try:
            window.show()
            await window.start()
            await _until(lambda: window.model.rowCount() >= HISTORY, "the history")
            form = window.buy_form
            form.stock.setText(STOCK)
            await _until(lambda: form.current_price() is not None, "a quote")
            form.trade_type.select("0")
            form.quantity.setText("7")
            form.price.setText(str(step_ticks(form.current_price(), -10)))
            d = form.decision()
            assert d.sends, d.report
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
        finally:
            window.shutdown()
            window.close()
    return "\n".join(lines)


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
