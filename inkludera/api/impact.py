"""API endpoints of the impact domain (see docs/architecture.md). Mounted at /api/impact."""

from ninja import Router

router = Router(tags=["impact"])
