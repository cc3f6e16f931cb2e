"""Every role against every participant URL and API endpoint.

Only the allowed roles get in, and every allowed read is logged in the personal-data
access log; a refused signed-in user gets 404 and leaves no log entry; an anonymous user
is sent to the login page (pages) or gets 401 (API).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from inkludera.core.models import PersonalDataAccess
from inkludera.placements.urls import PERSON_URLS

pytestmark = pytest.mark.django_db

PERSONAS = [
    "asf_manager",
    "supervisor",
    "other_supervisor",
    "employee",
    "placement_officer",
    "other_officer",
    "municipal_buyer",
    "support_staff",
    "consented_support",
    "customer",
    "outsider",
]

RECORD = {"asf_manager", "supervisor", "placement_officer", "consented_support"}
SUPPORT_NEEDS = {"asf_manager", "supervisor", "placement_officer"}
ASF_MANAGER = {"asf_manager"}
MANAGER_AND_OFFICER = {"asf_manager", "placement_officer"}
ASF_SIDE = {"asf_manager", "supervisor"}
FOLLOWING = {"asf_manager", "supervisor", "placement_officer"}

# url name, extra arguments, who gets in
PERSON_PAGES = [
    ("record", {}, RECORD),
    ("person_edit", {}, MANAGER_AND_OFFICER),
    ("support_needs", {}, SUPPORT_NEEDS),
    ("support_needs_edit", {}, MANAGER_AND_OFFICER),
    ("decide", {}, ASF_MANAGER),
    ("withdraw", {}, {"placement_officer"}),
    ("start", {}, ASF_MANAGER),
    ("pause", {}, ASF_MANAGER),
    ("resume", {}, ASF_MANAGER),
    ("end", {}, ASF_MANAGER),
    ("supervisor", {}, ASF_MANAGER),
    ("plan", {}, ASF_SIDE),
    ("meeting_new", {}, FOLLOWING),
    ("person_attendance", {}, FOLLOWING),
    ("follow_up", {"months": 6}, MANAGER_AND_OFFICER),
    ("consents", {}, MANAGER_AND_OFFICER),
    ("record_access_log", {}, MANAGER_AND_OFFICER),
    ("extract_json", {}, MANAGER_AND_OFFICER),
    ("extract_pdf", {}, MANAGER_AND_OFFICER),
]

# method, path, body, who gets in
API = [
    ("get", "/api/placements/people/{pk}", None, RECORD),
    ("get", "/api/placements/people/{pk}/support-needs", None, SUPPORT_NEEDS),
    ("get", "/api/placements/people/{pk}/attendance?month=2026-01", None, FOLLOWING),
    ("get", "/api/placements/people/{pk}/extract", None, MANAGER_AND_OFFICER),
    ("put", "/api/placements/people/{pk}/attendance", [], ASF_SIDE),
    ("post", "/api/placements/people/{pk}/transitions", {"to": "paused"}, ASF_MANAGER),
    ("post", "/api/placements/people/{pk}/transitions", {"to": "withdrawn"}, {"placement_officer"}),
]


def test_every_person_url_is_in_the_table():
    assert {p.name for p in PERSON_URLS} == {name for name, _args, _who in PERSON_PAGES}


def _reads(user, case) -> int:
    return PersonalDataAccess.objects.filter(reader=user, subject_id=str(case.pk)).count()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "extra", "allowed"), PERSON_PAGES, ids=[p[0] for p in PERSON_PAGES]
)
def test_person_pages(request, case, persona, name, extra, allowed):
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse(f"placements:{name}", kwargs={"pk": case.pk, **extra}))
    if persona in allowed:
        assert response.status_code in (200, 302), (persona, name, response.status_code)
        if response.status_code == 302:  # "not possible now": back to the record
            assert response["Location"] == f"/placements/people/{case.pk}/"
        assert _reads(user, case) >= 1, f"{persona} read {name} without a log entry"
        entry = PersonalDataAccess.objects.filter(reader=user, subject_id=str(case.pk)).first()
        assert entry.role in {persona, "consent"} or persona == "consented_support"
    else:
        assert response.status_code == 404, (persona, name, response.status_code)
        assert _reads(user, case) == 0


@pytest.mark.parametrize(
    ("name", "extra", "allowed"), PERSON_PAGES, ids=[p[0] for p in PERSON_PAGES]
)
def test_person_pages_send_anonymous_users_to_the_login(client, case, name, extra, allowed):
    response = client.get(reverse(f"placements:{name}", kwargs={"pk": case.pk, **extra}))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), API, ids=[f"{a[0]} {a[1]} {a[2]}" for a in API]
)
def test_api_endpoints(request, case, persona, method, path, body, allowed):
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    kwargs = (
        {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    )
    response = getattr(client, method)(path.format(pk=case.pk), **kwargs)
    if persona in allowed:
        assert response.status_code not in (401, 403, 404), (persona, path, response.content)
        assert _reads(user, case) >= 1
    else:
        assert response.status_code == 404, (persona, path, response.status_code)
        assert _reads(user, case) == 0


@pytest.mark.parametrize(
    ("method", "path", "body", "allowed"), API, ids=[f"{a[0]} {a[1]} {a[2]}" for a in API]
)
def test_api_endpoints_need_a_login_or_token(client, case, method, path, body, allowed):
    kwargs = (
        {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
    )
    response = getattr(client, method)(path.format(pk=case.pk), **kwargs)
    assert response.status_code == 401
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_list_shows_a_person_only_to_their_readers(request, case, persona):
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    listed = [row["id"] for row in client.get("/api/placements/people").json()]
    assert (case.pk in listed) == (persona in RECORD)
    assert (_reads(user, case) >= 1) == (persona in RECORD)


def test_an_api_token_acts_as_its_user(case, placement_officer, outsider):
    from inkludera.accounts.models import ApiToken

    _token, key = ApiToken.issue(user=placement_officer, name="test")
    client = Client()
    response = client.get(f"/api/placements/people/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["personal_number"] == "199006022397"
    _token, key = ApiToken.issue(user=outsider, name="test")
    response = client.get(f"/api/placements/people/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 404


# Organisation pages: lists of people log one read per person shown; aggregate pages none.
ORG_PAGES = [
    ("asf_home", "asf", {"asf_manager", "supervisor", "other_supervisor"}),
    ("attendance_week", "asf", {"asf_manager", "supervisor", "other_supervisor"}),
    ("asf_dashboard", "asf", ASF_MANAGER),
    ("asf_access_log", "asf", ASF_MANAGER),
    ("agreement_new", "asf", ASF_MANAGER),
    ("funder_home", "funder", {"placement_officer", "municipal_buyer"}),
    ("funder_dashboard", "funder", {"placement_officer", "municipal_buyer"}),
    ("funder_access_log", "funder", {"placement_officer"}),
    ("refer", "funder", {"placement_officer"}),
    ("agreement_new", "funder", {"placement_officer"}),
]
# Pages that list this person by name, for whom.
LISTS_THE_PERSON = {
    "asf_home": {"asf_manager", "supervisor"},
    "attendance_week": {"asf_manager", "supervisor"},
    "funder_home": {"placement_officer"},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "side", "allowed"), ORG_PAGES, ids=[f"{p[0]}-{p[1]}" for p in ORG_PAGES]
)
def test_organisation_pages(request, case, kasak, karlskrona, persona, name, side, allowed):
    user = request.getfixturevalue(persona)
    slug = kasak.slug if side == "asf" else karlskrona.organisation.slug
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse(f"placements:{name}", args=[slug]))
    if persona not in allowed:
        assert response.status_code == 404, (persona, name)
        assert _reads(user, case) == 0
        return
    assert response.status_code == 200
    shows_person = "Ahmed Testsson" in response.content.decode()
    listed = persona in LISTS_THE_PERSON.get(name, set())
    assert shows_person == listed, (persona, name)
    assert (_reads(user, case) >= 1) == listed


AGREEMENT_PAGES = [
    ("agreement", {}, {"asf_manager", "placement_officer", "municipal_buyer"}),
    ("agreement_edit", {}, MANAGER_AND_OFFICER),
    ("agreement_extend", {}, MANAGER_AND_OFFICER),
    ("agreement_end", {}, MANAGER_AND_OFFICER),
    ("report", {"year": 2026, "month": 1}, {"asf_manager", "placement_officer", "municipal_buyer"}),
    (
        "report_excel",
        {"year": 2026, "month": 1},
        {"asf_manager", "placement_officer", "municipal_buyer"},
    ),
    (
        "invoice_basis",
        {"year": 2026, "month": 1},
        {"asf_manager", "placement_officer", "municipal_buyer"},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "extra", "allowed"), AGREEMENT_PAGES, ids=[p[0] for p in AGREEMENT_PAGES]
)
def test_agreement_pages(request, case, persona, name, extra, allowed):
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse(f"placements:{name}", kwargs={"pk": case.agreement_id, **extra}))
    assert response.status_code == (200 if persona in allowed else 404), (persona, name)
    # Only the agreement page lists people, and only to the manager and the officers.
    listed = name == "agreement" and persona in MANAGER_AND_OFFICER
    assert (_reads(user, case) >= 1) == listed


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "extra", "allowed"), PERSON_PAGES, ids=[p[0] for p in PERSON_PAGES]
)
def test_refused_roles_cannot_write_either(request, case, persona, name, extra, allowed):
    from inkludera.core.models import AuditEntry
    from inkludera.placements.models import Attendance, PlacementTransition

    if persona in allowed:
        return
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    before = (
        AuditEntry.objects.count(),
        PlacementTransition.objects.count(),
        Attendance.objects.count(),
    )
    response = client.post(
        reverse(f"placements:{name}", kwargs={"pk": case.pk, **extra}),
        {"action": "withdraw", "note": "x", "end_date": "2026-01-01", "outcome": "studies"},
    )
    assert response.status_code == 404
    after = (
        AuditEntry.objects.count(),
        PlacementTransition.objects.count(),
        Attendance.objects.count(),
    )
    assert after == before
    assert _reads(user, case) == 0
