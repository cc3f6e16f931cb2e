from django.urls import path

from inkludera.support.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.policy_list, name="list"),
    path("groups/", views.group_list, name="groups"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/add/<slug:what>/", views.group_add, name="group_add"),
    path("groups/<int:pk>/goals/<int:goal_pk>/status/", views.goal_status, name="goal_status"),
    path("groups/<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path("<str:code>/", views.municipality_policy, name="municipality"),
    path("<str:code>/new-version/", views.policy_new_version, name="new_version"),
    path("<str:code>/v<int:version>/", views.policy_version, name="version"),
]
