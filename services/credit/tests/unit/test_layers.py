"""Credit's layers: entry points over handlers over the domain, a read side that never imports the
entry points, and a domain without import cycles (annotation-only imports do not run, so they do
not count)."""

from __future__ import annotations

import grimp

RUN = grimp.build_graph("credit", exclude_type_checking_imports=True)
ALL = grimp.build_graph("credit")


def test_entry_points_handlers_and_domain_depend_one_way() -> None:
    layers = ["credit.entrypoints", "credit.handlers", "credit.domain"]
    assert ALL.find_illegal_dependencies_for_layers(layers=layers, containers=set()) == set()


def test_the_read_side_never_imports_the_entry_points() -> None:
    assert ALL.find_shortest_chains(importer="credit.views", imported="credit.entrypoints") == set()


def test_the_domain_has_no_import_cycle() -> None:
    domain = {m for m in RUN.modules if m.startswith("credit.domain")}
    cycles = {
        (module, imported)
        for module in domain
        for imported in RUN.find_modules_directly_imported_by(module) & domain
        if RUN.find_shortest_chain(importer=imported, imported=module)
    }
    assert cycles == set()
