from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What a buyer's spend dashboard shows: a change to any of these moves the version under
# which the dashboard's figures are kept (core/pagecache.py).
SPEND_MODELS = (
    "orders.order",
    "orders.purchaserecord",
    "directory.service",
    "directory.servicecategory",
    "policies.municipalpolicy",
    "accounts.municipality",
    "accounts.organisation",
)


class OrdersConfig(AppConfig):
    name = "inkludera.orders"
    label = "orders"
    verbose_name = _("Orders and bookings")

    def ready(self) -> None:
        from inkludera.core import pagecache

        pagecache.track(*SPEND_MODELS)
