"""API endpoints of the invoicing domain (see docs/architecture.md). Mounted at /api/invoicing."""

from ninja import Router

router = Router(tags=["invoicing"])
