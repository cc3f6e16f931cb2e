from django.urls import path

from inkludera.impact import views

app_name = "impact"
urlpatterns = [
    # Parameter sets (support staff)
    path("parameters/", views.parameters, name="parameters"),
    path("parameters/<slug:set_slug>/new/", views.version_new, name="version_new"),
    path("parameters/<slug:set_slug>/v<int:number>/", views.version_detail, name="version"),
    path(
        "parameters/<slug:set_slug>/v<int:number>/publish/",
        views.version_publish,
        name="version_publish",
    ),
    path(
        "parameters/<slug:set_slug>/v<int:number>/discard/",
        views.version_discard,
        name="version_discard",
    ),
    path(
        "parameters/<slug:set_slug>/v<int:number>/index/new/",
        views.index_add,
        name="index_add",
    ),
    path(
        "parameters/<slug:set_slug>/v<int:number>/<slug:kind>/<int:pk>/",
        views.value_edit,
        name="value_edit",
    ),
    # The region (support staff) and municipalities (buyers)
    path("region/", views.regional, name="regional"),
    path("region/<int:year>/", views.regional_year, name="regional_year"),
    path("region/<int:year>/compute/", views.regional_compute, name="regional_compute"),
    path("bought/<slug:slug>/", views.municipal, name="municipal"),
    path("bought/<slug:slug>/<int:year>/", views.municipal_year, name="municipal_year"),
    # Public statements
    path("public/<slug:slug>/<int:year>/", views.public_statement, name="public_statement"),
    path(
        "public/<slug:slug>/<int:year>/statement.pdf",
        views.public_statement_pdf,
        name="public_statement_pdf",
    ),
    # One ASF
    path("asf/<slug:slug>/", views.asf_home, name="asf_home"),
    path("asf/<slug:slug>/years/", views.add_year, name="add_year"),
    path("asf/<slug:slug>/<int:year>/", views.statement, name="statement"),
    path("asf/<slug:slug>/<int:year>/account/", views.account, name="account"),
    path("asf/<slug:slug>/<int:year>/recompute/", views.recompute, name="recompute"),
    path("asf/<slug:slug>/<int:year>/publish/", views.publish, name="publish"),
    path("asf/<slug:slug>/<int:year>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("asf/<slug:slug>/<int:year>/account.xlsx", views.account_xlsx, name="account_xlsx"),
    path("asf/<slug:slug>/<int:year>/report.json", views.report_json, name="report_json"),
    path("asf/<slug:slug>/<int:year>/figures/", views.entry, name="entry"),
    path("asf/<slug:slug>/<int:year>/figures/people/new/", views.person_form, name="person_new"),
    path(
        "asf/<slug:slug>/<int:year>/figures/people/<int:pk>/", views.person_form, name="person_edit"
    ),
    path(
        "asf/<slug:slug>/<int:year>/figures/people/<int:pk>/delete/",
        views.person_delete,
        name="person_delete",
    ),
    path("asf/<slug:slug>/<int:year>/figures/sales/", views.sale_add, name="sale_add"),
    path(
        "asf/<slug:slug>/<int:year>/figures/sales/<int:pk>/delete/",
        views.sale_delete,
        name="sale_delete",
    ),
    path("asf/<slug:slug>/<int:year>/figures/grants/", views.grants, name="grants"),
]
