"""Mediation's HTTP routes: schema in, command to the bus, representation out (reads via views)."""

from mediation.entrypoints.routes import agreement, cases, confirmation, court, roster

ROUTERS = [cases.router, agreement.router, confirmation.router, court.router, roster.router]
