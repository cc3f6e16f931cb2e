from django.contrib import admin
from django.http import HttpRequest

from inkludera.accounts.admin import SupportStaffAdmin
from inkludera.support.policies.models import MunicipalPolicy


@admin.register(MunicipalPolicy)
class MunicipalPolicyAdmin(SupportStaffAdmin):
    """Read only: a new version is written on /policies/<code>/new-version/, and old
    versions never change (decisions are read against the policy in force at the time)."""

    list_display = ["municipality", "version", "valid_from", "title"]
    list_filter = ["municipality"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
