"""Adjudication's layers: entry points over handlers over the domain, a read side that never imports
the entry points, and a domain whose parts never import each other in a cycle, at any level
(values <- aggregate <- steps), annotation-only imports included."""

from __future__ import annotations

import grimp
import pytest

GRAPH = grimp.build_graph("adjudication")
DOMAIN = "adjudication.domain"
PACKAGES = sorted(m for m in GRAPH.modules if m.startswith(DOMAIN) and GRAPH.find_children(m))


def test_entry_points_handlers_and_domain_depend_one_way() -> None:
    layers = ["adjudication.entrypoints", "adjudication.handlers", DOMAIN]
    assert GRAPH.find_illegal_dependencies_for_layers(layers=layers, containers=set()) == set()


def test_the_read_side_never_imports_the_entry_points() -> None:
    assert (
        GRAPH.find_shortest_chains(importer="adjudication.views", imported="adjudication.entrypoints")
        == set()
    )


@pytest.mark.parametrize("package", PACKAGES)
def test_the_parts_of_the_domain_import_one_way(package: str) -> None:
    assert GRAPH.nominate_cycle_breakers(package) == set()
