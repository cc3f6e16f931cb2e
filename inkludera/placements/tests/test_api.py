"""The placements API: the same rules and messages as the pages."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from inkludera.placements.models import Attendance, CapacityStep, Placement, State
from inkludera.placements.tests.factories import make_agreement, make_case

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def referral(agreement, **changes):
    return {
        "agreement_id": agreement.pk,
        "name": "Sara Lindqvist",
        "personal_number": "19910717-2380",
        **changes,
    }


def test_an_officer_refers_through_the_api(placement_officer, agreement):
    response = post(api(placement_officer), "/api/placements/referrals", referral(agreement))
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "referred"
    assert body["personal_number"] == "199107172380"


def test_an_invalid_personal_number_gets_a_swedish_error_body(placement_officer, agreement):
    response = post(
        api(placement_officer),
        "/api/placements/referrals",
        referral(agreement, personal_number="19910717-2381"),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "personal_number", "message": "Personnumrets kontrollsiffra stämmer inte."}
    ]
    assert not Placement.objects.exists()


def test_a_full_agreement_answers_409_unless_the_waiting_list_is_asked_for(
    placement_officer, kasak, karlskrona, today
):
    small = make_agreement(kasak, karlskrona.organisation, places=1)
    make_case(small, "ahmed", start=today)
    client = api(placement_officer)
    response = post(client, "/api/placements/referrals", referral(small))
    assert response.status_code == 409
    assert "väntelistan" in response.json()["detail"]
    response = post(client, "/api/placements/referrals", referral(small, join_waiting_list=True))
    assert response.status_code == 201
    assert response.json()["state"] == "waiting"


def test_other_organisations_cannot_refer_to_an_agreement(other_officer, asf_manager, agreement):
    assert (
        post(api(other_officer), "/api/placements/referrals", referral(agreement)).status_code
        == 404
    )
    assert (
        post(api(asf_manager), "/api/placements/referrals", referral(agreement)).status_code == 404
    )


def test_the_manager_takes_the_steps_through_the_api(asf_manager, supervisor, agreement, today):
    placement = make_case(agreement, "sara", state=State.REFERRED, referred_on=today)
    client = api(asf_manager)
    path = f"/api/placements/people/{placement.pk}/transitions"
    response = post(
        client, path, {"to": "accepted", "date": today.isoformat(), "supervisor_id": supervisor.pk}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "accepted"
    assert response.json()["supervisor"] == supervisor.name
    assert (
        post(client, path, {"to": "active", "date": today.isoformat()}).json()["state"] == "active"
    )
    response = post(
        client,
        path,
        {
            "to": "ended",
            "date": (today - datetime.timedelta(days=1)).isoformat(),
            "outcome": "studies",
        },
    )
    assert response.status_code == 400
    assert "Slutdatumet ligger före startdatumet" in response.json()["errors"][0]["message"]
    response = post(client, path, {"to": "ended", "date": today.isoformat(), "outcome": "studies"})
    assert response.json()["state"] == "ended"
    response = post(client, path, {"to": "waiting"})
    assert response.status_code == 400  # not a step from "ended"


def test_attendance_over_the_plan_is_refused_through_the_api(supervisor, case, today):
    CapacityStep.objects.create(plan=case.plan, from_date=case.start_date, percent=50)
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    days = [
        {
            "day": (monday + datetime.timedelta(days=i)).isoformat(),
            "status": "present",
            "hours": "4",
        }
        for i in range(5)
    ]
    days[0]["hours"] = "9"
    client = api(supervisor)
    response = client.put(
        f"/api/placements/people/{case.pk}/attendance",
        json.dumps(days),
        content_type="application/json",
    )
    from inkludera.placements.workdays import is_working_day

    if all(is_working_day(monday + datetime.timedelta(days=i)) for i in range(5)):
        assert response.status_code == 400
        assert "mer än dagens plan" in response.json()["errors"][0]["message"]
        assert not Attendance.objects.exists()
    days[0]["hours"] = "4"
    days = [d for d in days if is_working_day(datetime.date.fromisoformat(d["day"]))]
    response = client.put(
        f"/api/placements/people/{case.pk}/attendance",
        json.dumps(days),
        content_type="application/json",
    )
    assert response.json() == {"saved": len(days)}
    month = monday.strftime("%Y-%m")
    listed = client.get(f"/api/placements/people/{case.pk}/attendance", {"month": month}).json()
    assert {row["day"] for row in listed} >= {d["day"] for d in days if d["day"].startswith(month)}
    bad = client.get(f"/api/placements/people/{case.pk}/attendance", {"month": "mars"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["message"] == "Skriv månaden som ÅÅÅÅ-MM."


def test_reports_and_invoice_basis_through_the_api(municipal_buyer, outsider, case):
    client = api(municipal_buyer)
    report = client.get(f"/api/placements/agreements/{case.agreement_id}/reports/2026/1")
    assert report.status_code == 200
    assert set(report.json()) >= {"people", "present_days", "hours", "by_sex_and_age_band"}
    basis = client.get(f"/api/placements/agreements/{case.agreement_id}/invoice-basis/2026/1")
    assert basis.json()[0]["quantity"] == "10.00"
    listed = client.get("/api/placements/agreements").json()
    assert [a["id"] for a in listed] == [case.agreement_id]
    assert api(outsider).get("/api/placements/agreements").json() == []
    assert (
        api(outsider)
        .get(f"/api/placements/agreements/{case.agreement_id}/reports/2026/1")
        .status_code
        == 404
    )
