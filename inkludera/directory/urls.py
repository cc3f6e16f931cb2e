from django.urls import path

from inkludera.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.register, name="register"),
    path("directory/<slug:slug>/", views.profile, name="profile"),
    path("directory/<slug:slug>/edit/", views.edit, name="edit"),
]
