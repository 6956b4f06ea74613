"""Adjudication's HTTP routes: schema in, command to the bus, representation out."""

from adjudication.entrypoints.routes import court, penalty, proceedings, reads, rooms, steps

ROUTERS = [
    reads.router,
    steps.router,
    proceedings.router,
    court.router,
    rooms.router,
    penalty.router,
]
