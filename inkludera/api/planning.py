"""API endpoints of the planning domain (see docs/architecture.md). Mounted at /api/planning."""

from ninja import Router

router = Router(tags=["planning"])
