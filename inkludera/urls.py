from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from inkludera.api.urls import api

urlpatterns = [
    path("", include("inkludera.directory.urls")),
    path("", include("inkludera.core.urls")),
    path("accounts/", include("inkludera.accounts.urls")),
    path("bookings/", include("inkludera.bookings.urls")),
    path("orders/", include("inkludera.orders.urls")),
    path("invoices/", include("inkludera.invoicing.urls")),
    path("planning/", include("inkludera.planning.urls")),
    path("placements/", include("inkludera.placements.urls")),
    path("impact/", include("inkludera.impact.urls")),
    path("policies/", include("inkludera.support.policies.urls")),
    path("incubator/", include("inkludera.support.incubator.urls")),
    path("events/", include("inkludera.support.events.urls")),
    path("eu-project/", include("inkludera.support.euproject.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
