"""Database building blocks: per-service metadata, engines and sessions built at startup.

Nothing here connects at import time. A service declares ``metadata = service_metadata("intake")``
once in ``adapters/orm.py`` (with ``type_annotation_map = TYPE_ANNOTATION_MAP`` on its declarative
base); every table then lives in the service's own schema with stable constraint names, and
``datetime`` columns are ``timestamptz``.
"""

from __future__ import annotations

import datetime as dt
import errno
import socket
from typing import Any

import asyncpg
from sqlalchemy import DateTime, Executable, MetaData, Result, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",  # no schema in the name: each service has one
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TYPE_ANNOTATION_MAP: dict[Any, Any] = {dt.datetime: DateTime(timezone=True)}


def service_metadata(schema: str) -> MetaData:
    """Metadata whose tables live in ``schema`` and whose constraints have predictable names."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    connect_timeout: float = 5.0,
    pool_timeout: float = 10.0,
    application_name: str = "ipcase",
    **kwargs: Any,
) -> AsyncEngine:
    """An asyncpg engine whose waits are all bounded, so an outage is an error, never a hang.

    JIT is off: our queries are short and JIT only adds latency to them. There is no pre-ping (it
    costs a round trip per checkout); a connection broken by a server restart is invalidated on its
    first failed use (SQLAlchemy then recycles the whole pool), and callers retry.
    ``application_name`` shows in ``pg_stat_activity`` which process holds which connection.
    """
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout,
        connect_args={
            "timeout": connect_timeout,
            "server_settings": {"jit": "off", "application_name": application_name[:63]},
        },
        **kwargs,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    """The plain ``postgresql://`` DSN asyncpg wants, for LISTEN and advisory-lock connections."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


# Errors that say the server is away or refusing connections, not that a statement was wrong:
# refused or reset sockets, closed connections, connect timeouts, admin/crash shutdown (57P01/57P02),
# "the database system is starting up" (57P03) and a full connection table (53300).
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    ConnectionError,
    socket.gaierror,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    asyncpg.TooManyConnectionsError,
    sa_exc.TimeoutError,
)


def is_database_unavailable(error: BaseException) -> bool:
    """True if ``error`` (or what caused it) means the database cannot be reached right now.

    Such failures say nothing about the request or record being processed: callers wait and retry
    (workers) or answer 503 (APIs) instead of failing the work for good.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen or len(seen) > 20:
            continue
        seen.add(id(current))
        if isinstance(current, _UNAVAILABLE) or _is_network_oserror(current):
            return True
        if isinstance(current, sa_exc.DBAPIError):
            if current.connection_invalidated:
                return True
            pending.append(current.orig)
        pending += [current.__cause__, current.__context__]
    return False


_NETWORK_ERRNOS = frozenset(
    {errno.ECONNREFUSED, errno.ECONNRESET, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ETIMEDOUT}
)


def _is_network_oserror(error: BaseException) -> bool:
    # A file error is not an outage; a socket error is (asyncpg reports a host with several
    # addresses as one OSError "Multiple exceptions: ...").
    if not isinstance(error, OSError):
        return False
    return error.errno in _NETWORK_ERRNOS or str(error).startswith("Multiple exceptions")


LIKE_ESCAPE = "\\"


def like_pattern(term: str, *, anchored: bool = False) -> str:
    """A LIKE/ILIKE pattern that matches ``term`` literally (``%``, ``_`` and ``\\`` are escaped).

    Use it with ``column.ilike(like_pattern(q), escape=LIKE_ESCAPE)``: a search for ``50%`` finds
    "50%", not everything, and a trailing backslash is just a backslash.
    """
    escaped = (
        term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return escaped + "%" if anchored else f"%{escaped}%"


async def execute_alone(session: AsyncSession, statement: Executable, params: dict[str, Any]) -> Result[Any]:
    """Execute ``statement`` on ``session`` as a transaction of its own if the session has not begun
    one on the database yet (no ``BEGIN`` sent: it has executed nothing); inside the transaction
    otherwise.

    For one statement that needs no transaction around it: a read that takes no lock (under READ
    COMMITTED every statement reads its own snapshot, inside a transaction or not; ``nextval`` is
    never rolled back), or a unit of work's only write, which PostgreSQL applies atomically and
    durably as its own transaction. Alone it costs one round trip instead of three (``BEGIN``, the
    statement, ``COMMIT``), and a statement after it begins the transaction as usual.
    """
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    adapted = raw.dbapi_connection
    alone = (
        isinstance(driver, asyncpg.Connection)
        and not driver.is_in_transaction()
        and getattr(adapted, "_transaction", ...) is None
        and hasattr(adapted, "isolation_level")
    )
    if not alone:
        return await session.execute(statement, params)
    level = adapted.isolation_level  # type: ignore[union-attr]
    adapted.isolation_level = "autocommit"  # type: ignore[union-attr]  # the adapter then sends no BEGIN
    try:
        return await session.execute(statement, params)
    finally:
        adapted.isolation_level = level  # type: ignore[union-attr]
