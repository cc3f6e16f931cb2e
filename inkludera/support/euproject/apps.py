from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EuprojectConfig(AppConfig):
    name = "inkludera.support.euproject"
    label = "euproject"
    verbose_name = _("EU project follow-up")
