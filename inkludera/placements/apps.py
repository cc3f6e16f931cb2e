from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What the lists of people show: a change to any of these moves the version under which
# those lists are kept (core/pagecache.py).
LIST_MODELS = (
    "placements.placement",
    "placements.participant",
    "placements.outcomefollowup",
    "placements.agreement",
    "accounts.organisation",
    "accounts.user",
)

# What an agreement's monthly report counts (placements/reports.py).
REPORT_MODELS = (
    "placements.agreement",
    "placements.placement",
    "placements.attendance",
    "placements.outcomefollowup",
    "placements.monthlystatistic",
    "accounts.organisation",
)


class PlacementsConfig(AppConfig):
    name = "inkludera.placements"
    label = "placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from inkludera.core import pagecache

        pagecache.track(*LIST_MODELS, *REPORT_MODELS)
