from django.urls import path

from inkludera.support.events import views

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:pk>/", views.activity_detail, name="activity"),
    path("<int:pk>/register/", views.register_person, name="register_person"),
    path("<int:pk>/register-asf/", views.register_asf, name="register_asf"),
    path("<int:pk>/calendar.ics", views.activity_ics, name="activity_ics"),
    path("registrations/<str:token>/", views.registration_status, name="registration"),
    path(
        "registrations/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"
    ),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.activity_new, name="activity_new"),
    path("manage/<int:pk>/", views.manage_detail, name="manage"),
    path("manage/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("manage/<int:pk>/participants/", views.participants, name="participants"),
    path("manage/<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path(
        "manage/<int:pk>/registrations/<int:registration_pk>/cancel/",
        views.manage_cancel,
        name="manage_cancel",
    ),
]
