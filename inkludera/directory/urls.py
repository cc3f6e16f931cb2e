from django.urls import path

from inkludera.directory import catalogue_views, views

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.register, name="register"),
    path("directory/<slug:slug>/", views.profile, name="profile"),
    path("directory/<slug:slug>/edit/", views.edit, name="edit"),
    path("directory/<slug:slug>/services/", catalogue_views.catalogue, name="catalogue"),
    path("directory/<slug:slug>/services/new/", catalogue_views.service_new, name="service_new"),
    path(
        "directory/<slug:slug>/services/<int:pk>/",
        catalogue_views.service_edit,
        name="service_edit",
    ),
    path(
        "directory/<slug:slug>/services/<int:pk>/price/",
        catalogue_views.service_price,
        name="service_price",
    ),
]
