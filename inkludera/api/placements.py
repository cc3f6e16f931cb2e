"""API endpoints of the placements domain (see docs/architecture.md). Mounted at /api/placements."""

from ninja import Router

router = Router(tags=["placements"])
