from django.urls import path

from inkludera.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("tasks/<uuid:run_id>/", views.task_run, name="task_run"),
]
