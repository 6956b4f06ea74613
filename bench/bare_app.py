"""Baseline for the intake benchmark: a bare FastAPI endpoint doing one ORM insert + commit.

This is the "limit" for a Python service on this machine (platform notes); the real intake
endpoint is measured against it in the same run. Run by ``intake_throughput.py``, not by hand.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    __table_args__ = {"schema": "bench"}  # noqa: RUF012 - SQLAlchemy's own convention
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)


class ItemIn(BaseModel):
    body: str


class ItemOut(BaseModel):
    id: uuid.UUID


def create_app() -> FastAPI:
    sessions: dict[str, async_sessionmaker[AsyncSession]] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_async_engine(os.environ["BENCH_DATABASE_URL"], pool_size=10, max_overflow=10)
        sessions["default"] = async_sessionmaker(engine, expire_on_commit=False)
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.post("/items", status_code=201)
    async def create_item(item: ItemIn) -> ItemOut:
        async with sessions["default"]() as session:
            row = Item(id=uuid.uuid4(), body=item.body)
            session.add(row)
            await session.commit()
        return ItemOut(id=row.id)

    return app
