"""Sort options of the lists: a closed set per list, each a column and a direction, ``id`` breaking ties,
so paging through a sorted list never repeats or skips a row."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import Select, Table

from shared.web import lists


class CaseSort(StrEnum):
    """``/v1/cases``: ``-`` for descending; ``due`` is the next legal deadline (cases without one last)."""

    RECEIVED = "received_at"
    RECEIVED_DESC = "-received_at"
    DUE = "due"
    DUE_DESC = "-due"
    OPENED = "opened_at"
    OPENED_DESC = "-opened_at"


class PenaltySort(StrEnum):
    """``/v1/penalty-cases``: ``-`` for descending; ``due`` is the next deadline (cases without one last)."""

    FILED = "filed_on"
    FILED_DESC = "-filed_on"
    DUE = "due"
    DUE_DESC = "-due"
    OPENED = "opened_at"
    OPENED_DESC = "-opened_at"


COLUMN_OF = {
    "received_at": "received_at",
    "due": "next_due",
    "opened_at": "opened_at",
    "filed_on": "filed_on",
}


def sorted_by(query: Select[Any], table: Table, sort: StrEnum) -> Select[Any]:
    """``query`` ordered by ``sort`` (nulls last either way), then by ``id`` (:mod:`shared.web.lists`)."""
    return lists.sorted_by(query, table, sort, COLUMN_OF)


count = lists.count
