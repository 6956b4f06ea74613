"""Finding a case by what staff type (issue 17): every space-separated term of ``q``, normalised like
the case's ``search_text`` (NFKC, no spaces, upper case), somewhere in it, literally (``%`` and ``_``
match themselves).

``search_text`` holds the case, docket and decision numbers, the patent number, the complaint
reference, the parties' names and credit codes, the facts, the places of infringement and the
products a stop order names (:func:`adjudication.adapters.repository.search_text`, written with the
case). Per term, as intake searches complaints: a brand and a product in either order, a city and a
product, find a case; the measurement is in services/adjudication/README.md.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false

from shared.identifiers import normalise_name

MAX_TERMS = 8


def search_terms(q: str) -> list[str]:
    """The normalised terms of ``q`` (at most :data:`MAX_TERMS`; empty ones dropped)."""
    return [term for term in (normalise_name(t) for t in q.split()[:MAX_TERMS]) if term]


def matches(column: ColumnElement[str], q: str) -> ColumnElement[bool]:
    """Every term of ``q`` in ``column`` (nothing for a blank ``q``)."""
    terms = search_terms(q)
    if not terms:
        return false()
    return and_(*(column.contains(term, autoescape=True) for term in terms))
