"""Database building blocks: per-service metadata, engines and sessions built at startup.

Nothing here connects at import time. A service declares ``metadata = service_metadata("intake")``
once in ``adapters/orm.py`` (with ``type_annotation_map = TYPE_ANNOTATION_MAP`` on its declarative
base); every table then lives in the service's own schema with stable constraint names, and
``datetime`` columns are ``timestamptz``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, MetaData, make_url
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


def make_engine(url: str, *, pool_size: int = 10, max_overflow: int = 10, **kwargs: Any) -> AsyncEngine:
    """An asyncpg engine.

    JIT is off: our queries are short and JIT only adds latency to them. There is no pre-ping (it
    costs a round trip per checkout); a connection broken by a server restart is invalidated on its
    first failed use, and callers retry.
    """
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        connect_args={"server_settings": {"jit": "off"}},
        **kwargs,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    """The plain ``postgresql://`` DSN asyncpg wants, for LISTEN and advisory-lock connections."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)
