"""The JSON API at /api/, with its OpenAPI schema at /api/openapi.json and docs at /api/docs.

Each domain has its own router module here (`api/<domain>.py`); models and access rules
stay in the domain's app.
"""

from ninja import NinjaAPI

from inkludera.api import (
    bookings,
    directory,
    errors,
    impact,
    invoicing,
    orders,
    placements,
    planning,
    support,
)
from inkludera.api.auth import token_or_session

api = NinjaAPI(
    title="Inkludera API",
    version="1",
    description="Services, bookings, orders, invoices, planning and placements of Swedish ASF.",
    auth=token_or_session,
    urls_namespace="api",
)
errors.install(api)
api.add_router("/directory", directory.router)
api.add_router("/bookings", bookings.router)
api.add_router("/orders", orders.router)
api.add_router("/invoices", invoicing.router)
api.add_router("/planning", planning.router)
api.add_router("/placements", placements.router)
api.add_router("/impact", impact.router)
api.add_router("/support", support.router)
