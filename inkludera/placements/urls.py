from django.urls import path

from inkludera.placements.views import (
    agreements,
    attendance,
    followup,
    organisations,
    records,
    steps,
)

app_name = "placements"

# Pages about one person's case: every one of them is in the access table test
# (tests/test_access_table.py), which fails if a new one is added without a row.
PERSON_URLS = [
    path("people/<int:pk>/", records.record, name="record"),
    path("people/<int:pk>/details/", records.person_edit, name="person_edit"),
    path("people/<int:pk>/support-needs/", records.support_needs, name="support_needs"),
    path(
        "people/<int:pk>/support-needs/edit/",
        records.support_needs_edit,
        name="support_needs_edit",
    ),
    path("people/<int:pk>/decide/", steps.decide, name="decide"),
    path("people/<int:pk>/withdraw/", steps.withdraw, name="withdraw"),
    path("people/<int:pk>/start/", steps.start, name="start"),
    path("people/<int:pk>/pause/", steps.pause, name="pause"),
    path("people/<int:pk>/resume/", steps.resume, name="resume"),
    path("people/<int:pk>/end/", steps.end, name="end"),
    path("people/<int:pk>/supervisor/", steps.supervisor, name="supervisor"),
    path("people/<int:pk>/plan/", followup.plan, name="plan"),
    path("people/<int:pk>/meetings/new/", followup.meeting_new, name="meeting_new"),
    path("people/<int:pk>/attendance/", attendance.person_attendance, name="person_attendance"),
    path("people/<int:pk>/follow-up/<int:months>/", followup.follow_up, name="follow_up"),
    path("people/<int:pk>/consents/", followup.consents, name="consents"),
    path("people/<int:pk>/access-log/", records.record_access_log, name="record_access_log"),
    path("people/<int:pk>/extract.json", records.extract_json, name="extract_json"),
    path("people/<int:pk>/extract.pdf", records.extract_pdf, name="extract_pdf"),
]

urlpatterns = [
    path("asf/<slug:slug>/", organisations.asf_home, name="asf_home"),
    path("asf/<slug:slug>/dashboard/", organisations.asf_dashboard, name="asf_dashboard"),
    path("asf/<slug:slug>/attendance/", attendance.week, name="attendance_week"),
    path("asf/<slug:slug>/access-log/", organisations.asf_access_log, name="asf_access_log"),
    path("funders/<slug:slug>/", organisations.funder_home, name="funder_home"),
    path("funders/<slug:slug>/dashboard/", organisations.funder_dashboard, name="funder_dashboard"),
    path(
        "funders/<slug:slug>/access-log/",
        organisations.funder_access_log,
        name="funder_access_log",
    ),
    path("funders/<slug:slug>/refer/", records.refer, name="refer"),
    path("search/", organisations.search, name="search"),
    path(
        "organisations/<slug:slug>/agreements/new/", agreements.agreement_new, name="agreement_new"
    ),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/extend/", agreements.agreement_extend, name="agreement_extend"),
    path("agreements/<int:pk>/end/", agreements.agreement_end, name="agreement_end"),
    path("agreements/<int:pk>/reports/<int:year>/<int:month>/", agreements.report, name="report"),
    path(
        "agreements/<int:pk>/reports/<int:year>/<int:month>/report.pdf",
        agreements.report_pdf,
        name="report_pdf",
    ),
    path(
        "agreements/<int:pk>/reports/<int:year>/<int:month>/report.xlsx",
        agreements.report_excel,
        name="report_excel",
    ),
    path(
        "agreements/<int:pk>/invoice/<int:year>/<int:month>/",
        agreements.invoice_basis,
        name="invoice_basis",
    ),
    *PERSON_URLS,
]
