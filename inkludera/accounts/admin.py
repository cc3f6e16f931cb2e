"""Django admin: for the support structure (and superusers) only.

Every ModelAdmin in Inkludera subclasses SupportStaffAdmin. Participants' personal data is
never registered here: it is seen only through the placements app's access rules.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from inkludera.accounts.access import is_support_staff
from inkludera.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Municipality,
    Organisation,
    User,
)


def _allowed(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and (user.is_superuser or is_support_staff(user)))  # type: ignore[union-attr]


admin.site.has_permission = _allowed  # type: ignore[method-assign]
admin.site.site_header = _("Inkludera administration")
admin.site.site_title = _("Inkludera")


class SupportStaffAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)


class SupportStaffInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _allowed(request)


class MembershipInline(SupportStaffInline):
    model = Membership
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(SupportStaffAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = (
        (None, {"fields": ("email", "name", "phone", "password")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "name", "password1", "password2")}),)
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal: tuple = ()
    list_filter = ["is_active"]


@admin.register(Organisation)
class OrganisationAdmin(SupportStaffAdmin):
    list_display = ["name", "kind", "org_number", "city", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "org_number", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Municipality)
class MunicipalityAdmin(SupportStaffAdmin):
    list_display = ["__str__", "code", "financial_year_start_month"]
    search_fields = ["organisation__name", "code"]


@admin.register(Invitation)
class InvitationAdmin(SupportStaffAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    exclude = ["token_hash"]


@admin.register(ApiToken)
class ApiTokenAdmin(SupportStaffAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]
