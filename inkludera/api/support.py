"""API endpoints of the support domain (see docs/architecture.md). Mounted at /api/support."""

from ninja import Router

router = Router(tags=["support"])
