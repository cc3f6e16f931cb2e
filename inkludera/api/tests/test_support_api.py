"""The support domain's API: public activities and policies, the incubator application,
and the EU project's indicators for the beneficiary's staff only."""

import datetime
from decimal import Decimal

import pytest

from inkludera.accounts.models import ApiToken
from inkludera.support.conftest import make_activity, make_other_support_staff, make_project
from inkludera.support.euproject.models import Advice
from inkludera.support.incubator.models import Programme, Venture
from inkludera.support.policies import services as policy_services


@pytest.fixture
def project(coompanion):
    return make_project(coompanion)


@pytest.fixture
def programme(db):
    return Programme.objects.create(name="Blinken")


@pytest.fixture
def other_support_staff(db):
    return make_other_support_staff()


def test_coming_activities_are_public(client, db):
    activity = make_activity(capacity=5)
    make_activity(title="Dold", is_published=False)
    body = client.get("/api/support/events").json()
    assert [a["title"] for a in body] == ["Nätverksträff"]
    assert body[0]["places_left"] == 5
    assert client.get(f"/api/support/events/{activity.pk}").json()["registration_open"] is True


def test_the_policy_in_force_is_public_and_dated(client, karlskrona, support_staff):
    for version, day, limit in [
        (1, datetime.date(2016, 6, 1), "534890"),
        (2, datetime.date(2022, 2, 1), "700000"),
    ]:
        policy_services.publish_policy_version(
            actor=support_staff,
            municipality=karlskrona,
            title=f"Policy {version}",
            valid_from=day,
            direct_procurement_limit=Decimal(limit),
        )
    assert client.get("/api/support/policies/1080").json()["version"] == 2
    older = client.get("/api/support/policies/1080", {"day": "2020-01-01"}).json()
    assert (older["version"], Decimal(older["direct_procurement_limit"])) == (1, Decimal("534890"))
    assert len(client.get("/api/support/policies/1080/versions").json()) == 2
    assert client.get("/api/support/policies/1081").status_code == 404


def test_an_application_needs_consent(client, programme, karlskrona):
    data = {
        "name": "Cykelköket",
        "idea": "Café",
        "target_group": "Unga",
        "municipality_code": "1080",
        "contact_name": "Amira",
        "contact_email": "amira@example.com",
        "consent": False,
    }
    response = client.post(
        "/api/support/incubator/applications", data, content_type="application/json"
    )
    assert response.status_code == 400
    assert "samtycke" in response.json()["errors"][0]["message"]
    response = client.post(
        "/api/support/incubator/applications",
        {**data, "consent": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Venture.objects.get().stage == "idea"


def test_ventures_are_for_support_staff(
    client, login, support_staff, outsider, programme, karlskrona
):
    assert client.get("/api/support/incubator/ventures").status_code == 401
    assert login(outsider).get("/api/support/incubator/ventures").status_code == 404
    assert login(support_staff).get("/api/support/incubator/ventures").json() == []


@pytest.fixture
def advised(project, kasak):
    Advice.objects.create(
        project=project,
        organisation=kasak,
        given_on=datetime.date(2017, 3, 1),
        hours=2,
        topic="finance",
    )


def test_indicators_with_the_enterprises_behind_them(client, support_staff, advised, kasak):
    _token, key = ApiToken.issue(user=support_staff, name="rapport")
    body = client.get(
        "/api/support/projects/sib/indicators", HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()
    co01 = next(i for i in body["indicators"] if i["code"] == "CO01")
    assert (Decimal(co01["value"]), co01["enterprises"]) == (1, [kasak.org_number])
    assert body["enterprises"][0]["supports"][0]["kind"] == "advice"


def test_indicators_are_refused_to_others(login, other_support_staff, outsider, advised):
    assert login(other_support_staff).get("/api/support/projects/sib/indicators").status_code == 404
    assert login(outsider).get("/api/support/projects/sib/indicators").status_code == 404
