from django.urls import path

from inkludera.support.incubator import views

app_name = "incubator"
urlpatterns = [
    path("", views.board, name="board"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.thanks, name="thanks"),
    path("metrics/", views.metrics_page, name="metrics"),
    path("closed/<slug:stage>/", views.closed_list, name="closed"),
    path("ventures/<int:pk>/", views.venture_detail, name="venture"),
    path("ventures/<int:pk>/move/", views.venture_move, name="venture_move"),
    path("ventures/<int:pk>/meeting/", views.venture_meeting, name="venture_meeting"),
    path("ventures/<int:pk>/edit/", views.venture_edit, name="venture_edit"),
    path("ventures/<int:pk>/checklist/", views.venture_checklist, name="venture_checklist"),
    path("ventures/<int:pk>/erase/", views.venture_erase, name="venture_erase"),
    path("ventures/<int:pk>/register-asf/", views.venture_convert, name="venture_convert"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path(
        "programmes/<int:pk>/items/<int:item_pk>/", views.checklist_item_edit, name="checklist_item"
    ),
]
