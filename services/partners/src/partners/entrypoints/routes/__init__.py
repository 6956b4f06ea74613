"""The partners routers (every one authenticated and naming one action), and the open JWKS router."""

from partners.entrypoints.routes import feed, inbound, registry
from partners.entrypoints.routes.jwks import router as OPEN_ROUTER

ROUTERS = [registry.router, feed.router, inbound.router]

__all__ = ["OPEN_ROUTER", "ROUTERS"]
