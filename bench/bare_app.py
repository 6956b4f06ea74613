"""Baselines for the intake benchmarks: bare FastAPI endpoints doing one ORM insert + commit, or one
read by primary key.

This is the "limit" for a Python service on this machine (platform notes); the real intake
endpoints are measured against it in the same run. Run by ``intake_throughput.py`` (the insert)
and ``staff_reads.py`` (the read), not by hand.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
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


class ItemRead(BaseModel):
    id: uuid.UUID
    body: str


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

    @app.get("/items/{item_id}")
    async def read_item(item_id: uuid.UUID) -> ItemRead:
        async with sessions["default"]() as session:
            row = await session.get(Item, item_id)
        if row is None:
            raise HTTPException(404)
        return ItemRead(id=row.id, body=row.body)

    return app
