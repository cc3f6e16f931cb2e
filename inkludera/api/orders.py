"""API endpoints of the orders domain (see docs/architecture.md). Mounted at /api/orders."""

from ninja import Router

router = Router(tags=["orders"])
