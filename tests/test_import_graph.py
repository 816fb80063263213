"""No import circles between the modules of kiwoom_ticket, TYPE_CHECKING imports included.

The "No import circles" contract in pyproject.toml (acyclic_siblings) checks the children
of each package. It does not see a circle through a package's own __init__ (a module that
imports its package, whose __init__ imports the module back); this test does: it looks
for strongly connected components in grimp's module graph."""

from __future__ import annotations

import grimp

PACKAGE = "kiwoom_ticket"


def import_cycles(graph: grimp.ImportGraph, package: str = PACKAGE) -> list[list[str]]:
    """Each group of modules of `package` that import one another round a circle
    (Tarjan's strongly connected components, iterative), sorted."""
    inside = {m for m in graph.modules if m == package or m.startswith(package + ".")}
    imports = {m: sorted(graph.find_modules_directly_imported_by(m) & inside)
               for m in sorted(inside)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in imports:
        if root in index:
            continue
        work = [(root, iter(imports[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(imports[child])))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1 or module in imports[module]:
                    cycles.append(sorted(group))
    return sorted(cycles)


def describe(graph: grimp.ImportGraph, cycle: list[str]) -> str:
    members = set(cycle)
    lines = [" <-> ".join(cycle)]
    for importer in cycle:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            details = graph.get_import_details(importer=importer, imported=imported)
            at = ", ".join(f"l.{d['line_number']}" for d in details)
            lines.append(f"    {importer} -> {imported} ({at})")
    return "\n".join(lines)


def test_no_import_circles():
    # cache_dir=None: no cache folder in the work tree. TYPE_CHECKING imports are kept.
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    cycles = import_cycles(graph)
    assert not cycles, "import circles:\n" + "\n".join(describe(graph, c) for c in cycles)


def test_the_check_finds_circles():
    graph = grimp.ImportGraph()
    for importer, imported in [
        ("kiwoom_ticket.ui.a", "kiwoom_ticket.ui.b"),
        ("kiwoom_ticket.ui.b", "kiwoom_ticket.ui.c"),
        ("kiwoom_ticket.ui.c", "kiwoom_ticket.ui.a"),  # a -> b -> c -> a
        ("kiwoom_ticket.ui.c", "kiwoom_ticket.domain.d"),  # a way out, no way back
        ("kiwoom_ticket.service", "kiwoom_ticket.service.f"),  # through the __init__
        ("kiwoom_ticket.service.f", "kiwoom_ticket.service"),
        ("kiwoom_ticket.journal.g", "kiwoom_ticket.journal.g"),
        ("other.x", "other.y"),
        ("other.y", "other.x"),  # not ours
    ]:
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph) == [
        ["kiwoom_ticket.journal.g"],
        ["kiwoom_ticket.service", "kiwoom_ticket.service.f"],
        ["kiwoom_ticket.ui.a", "kiwoom_ticket.ui.b", "kiwoom_ticket.ui.c"],
    ]
