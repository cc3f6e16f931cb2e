from django.urls import path

from inkludera.bookings import views

app_name = "bookings"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("<slug:slug>/services/<int:pk>/", views.service_week, name="service"),
    path("<slug:slug>/services/<int:pk>/book/", views.book, name="book"),
    path("b/<str:token>/", views.booking, name="booking"),
    path("b/<str:token>/verify/", views.verify, name="verify"),
    path("b/<str:token>/cancel/", views.cancel, name="cancel"),
    path("b/<str:token>/move/", views.move, name="move"),
    path("asf/<slug:slug>/", views.asf_list, name="asf_list"),
    path("asf/<slug:slug>/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("asf/<slug:slug>/rules/", views.rules, name="rules"),
    path("asf/<slug:slug>/closed-days/", views.add_closed_day, name="add_closed_day"),
    path(
        "asf/<slug:slug>/closed-days/<int:pk>/remove/",
        views.remove_closed_day,
        name="remove_closed_day",
    ),
    path(
        "asf/<slug:slug>/resources/<int:pk>/capacity/",
        views.resource_capacity,
        name="resource_capacity",
    ),
]
