from django.urls import path

from inkludera.planning.views import board, jobs, people, week

app_name = "planning"

urlpatterns = [
    path("my-week/", week.my_week, name="my_week"),
    path("calendar/<str:token>.ics", week.ics, name="ics"),
    path("<slug:slug>/", board.board, name="board"),
    path("<slug:slug>/plan/", board.plan_week, name="plan"),
    path("<slug:slug>/runs/<uuid:run_id>/", board.run, name="run"),
    path("<slug:slug>/assignments/<int:pk>/lock/", board.lock, name="lock"),
    path("<slug:slug>/plans/<int:pk>/jobs/<int:job_pk>/move/", board.move, name="move"),
    path("<slug:slug>/plans/<int:pk>/publish/", board.publish, name="publish"),
    path("<slug:slug>/jobs/", jobs.jobs, name="jobs"),
    path("<slug:slug>/jobs/<int:pk>/delete/", jobs.job_delete, name="job_delete"),
    path("<slug:slug>/people/", people.people, name="people"),
    path("<slug:slug>/people/new/", people.worker_new, name="worker_new"),
    path("<slug:slug>/people/<int:pk>/", people.profile, name="profile"),
    path("<slug:slug>/settings/", people.settings_page, name="settings"),
    path("<slug:slug>/resources/new/", people.resource_edit, name="resource_new"),
    path("<slug:slug>/resources/<int:pk>/", people.resource_edit, name="resource_edit"),
    path("<slug:slug>/tasks/new/", people.task_edit, name="task_new"),
    path("<slug:slug>/tasks/<int:pk>/", people.task_edit, name="task_edit"),
]
