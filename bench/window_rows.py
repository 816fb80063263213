"""Figures 2 and 3 as table rows: the numbers window_bench.py measured, with what they
are made of and what limits them."""

from __future__ import annotations

import common


def _limit(met: bool) -> str:
    return "Largest cost" if met else "Limited by"


def click_row(r: dict, repaint: float, visible: int) -> common.Row:
    a, b = common.Summary.of(r["click"]), common.Summary.of(r["floor"])
    raw, to_model = common.Summary.of(r["raw"]), common.Summary.of(r["model"])
    journal, settled = common.Summary.of(r["journal"]), common.Summary.of(r["settled"])
    place = common.Summary.of(r["place"])
    log_part = a.median - to_model.median
    painted = common.Summary.of([float(x) for x in r["rows_painted"]])
    ratio = a.median / b.median
    met = ratio <= 1.5
    # What no table can save: the order's own I/O, sampled alongside.
    io = raw.median + journal.median
    with_io = a.median / (b.median + io)
    rest = a.median - io - b.median
    return common.Row(
        number="2",
        figure="(a) Click on 매수 to the order number painted in the log (offscreen window)",
        measured=common.dist(a),
        reference=f"Qt's floor: a bare QTableView + QStandardItemModel of the same rows "
                  f"appending a row and painting it {common.dist(b)}",
        ratio=f"{ratio:.2f} (p95 {a.p95 / b.p95:.2f}); the log's part alone "
              f"{log_part / b.median:.2f}",
        target="ratio ≤ 1.5",
        status=common.status(met),
        notes=f"the log's part: the model has the number → the row painted, "
              f"{common.ms(log_part)} median. The order's own I/O, sampled alongside: the "
              f"raw HTTP round trip {common.dist(raw)}, the journal's durable insert + update (SQLite WAL, "
              f"synchronous=FULL: before the POST, rule 2) {common.dist(journal)}; against "
              f"the floor plus that I/O the ratio is {with_io:.2f}, the rest {common.ms(rest)}. "
              f"Medians along the click: the form calls session.place at "
              f"{common.ms(place.median)} (the click event, validation, precautions, the "
              f"send decision); the model holds the number at {common.ms(to_model.median)}; "
              "the log then paints "
              f"{painted.median:.0f} rows from cached row pixmaps (its whole viewport, "
              f"{visible} rows: {common.ms(repaint)}; the floor paints the same viewport cell "
              "by cell in C++). The event loop's pass ends at "
              f"{common.ms(settled.median)} (the window's form and status line repaint after "
              "an order too). Pacing off; 3 warm-up rounds dropped. "
              f"{_limit(met)}: the order's own I/O ({io / a.median:.0%} of the click) and the "
              f"forms' work before it leaves ({place.median / a.median:.0%}), not the log",
        raw={"click": a.__dict__, "floor": b.__dict__, "raw": raw.__dict__,
             "journal": journal.__dict__, "to_model": to_model.__dict__,
             "settled": settled.__dict__, "place": place.__dict__, "repaint_s": repaint,
             "rows_painted": painted.__dict__, "ratio_with_io": with_io,
             "log_part_s": log_part},
    )


def stall_row(r: dict, orders: int, repaint: float, visible: int,
               hogs: int = 0) -> common.Row:
    worst_a, worst_b = max(r["busy_max"]), max(r["idle_max"])
    a, b = common.Summary.of(r["busy_gaps"]), common.Summary.of(r["idle_gaps"])
    rounds = len(r["durations"])
    per_round = ", ".join(common.ms(x) for x in r["busy_max"])
    idle_round = ", ".join(common.ms(x) for x in r["idle_max"])
    ratio = worst_a / worst_b
    target = 1.5 if hogs else 1.2
    met = ratio <= target
    hog = f" with a CPU hog ({hogs} busy processes, one per core)" if hogs else ""
    return common.Row(
        number="3b" if hogs else "3a",
        figure=f"({'c' if hogs else 'b'}) GUI stall: longest event-loop gap, {orders} orders "
               f"in flight, exchange 300 ms{hog}",
        measured=f"max {common.ms(worst_a)} (per round {per_round}); gaps "
                 f"{common.ms(a.median)} / p95 {common.ms(a.p95)}",
        reference=f"idle{hog}: max {common.ms(worst_b)} (per round {idle_round}); gaps "
                  f"{common.ms(b.median)} / p95 {common.ms(b.p95)}",
        ratio=f"{ratio:.2f} (p95 gap {a.p95 / b.p95:.2f})",
        target=f"ratio ≤ {target:g}",
        status=common.status(met),
        notes=f"1 ms PreciseTimer probe; {rounds} round(s) of "
              f"{', '.join(f'{d:.1f} s' for d in r['durations'])} each side; orders queue on "
              "the one worker thread (sent one at a time); client pacing on; the live feed "
              "at the practice exchange's own pace (~200 frames/s: figure 11). Load "
              "(1-min average) as these "
              f"rounds ended {r['load']:.2f}. {_limit(met)}: the longest gaps on both sides "
              "are the "
              "machine's (the idle probe has its own long gaps); a row's paint is "
              f"{common.ms(repaint)} for the whole log ({visible} rows, from cached pixmaps)",
        raw={"repaint_s": repaint, "busy_max": r["busy_max"], "idle_max": r["idle_max"],
             "durations": r["durations"], "busy_gaps": a.__dict__, "idle_gaps": b.__dict__,
             "hogs": hogs, "load": r["load"]},
    )
