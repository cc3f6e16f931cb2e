from django.contrib import admin

from inkludera.accounts.admin import SupportStaffAdmin
from inkludera.support.policies.models import MunicipalPolicy


@admin.register(MunicipalPolicy)
class MunicipalPolicyAdmin(SupportStaffAdmin):
    list_display = ["municipality", "version", "valid_from", "title"]
    list_filter = ["municipality"]
