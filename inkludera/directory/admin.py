from django.contrib import admin

from inkludera.accounts.admin import SupportStaffAdmin
from inkludera.directory.models import AsfProfile, Service, ServiceCategory


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(SupportStaffAdmin):
    list_display = ["name_sv", "name_en", "slug", "is_social_service"]


@admin.register(AsfProfile)
class AsfProfileAdmin(SupportStaffAdmin):
    list_display = ["__str__", "legal_form", "home_municipality", "is_published"]
    list_filter = ["legal_form", "is_published", "home_municipality"]
    search_fields = ["organisation__name"]
    filter_horizontal = ["categories", "municipalities_served"]


@admin.register(Service)
class ServiceAdmin(SupportStaffAdmin):
    list_display = ["name", "asf", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "asf__name"]
