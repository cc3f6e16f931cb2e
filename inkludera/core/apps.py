from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inkludera.core"
    label = "core"
    verbose_name = _("Small shared pieces")

    def ready(self) -> None:
        from inkludera.core import pagecache  # noqa: F401 - connects its signals
        from inkludera.core.navigation import track_panel_models

        track_panel_models()
