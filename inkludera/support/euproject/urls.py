from django.urls import path

from inkludera.support.euproject import views

app_name = "euproject"
urlpatterns = [
    path("", views.project_list, name="projects"),
    path("new/", views.project_new, name="project_new"),
    path("<slug:slug>/", views.project_dashboard, name="dashboard"),
    path("<slug:slug>/edit/", views.project_edit, name="project_edit"),
    path("<slug:slug>/budget/", views.budget, name="budget"),
    path("<slug:slug>/periods/", views.periods, name="periods"),
    path("<slug:slug>/periods/<int:number>/", views.period_detail, name="period"),
    path("<slug:slug>/periods/<int:number>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<slug:slug>/periods/<int:number>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:slug>/costs/", views.costs, name="costs"),
    path("<slug:slug>/costs/import/", views.costs_import, name="costs_import"),
    path("<slug:slug>/time/", views.time_log, name="time"),
    path("<slug:slug>/time/<int:pk>/delete/", views.time_delete, name="time_delete"),
    path("<slug:slug>/advice/", views.advice, name="advice"),
    path("<slug:slug>/indicators/", views.indicator_list, name="indicators"),
    path("<slug:slug>/workforce/", views.workforce, name="workforce"),
    path("<slug:slug>/co-financing/", views.co_financing, name="co_financing"),
]
