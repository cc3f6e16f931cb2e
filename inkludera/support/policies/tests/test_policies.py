"""Municipal policies: public versions, new versions as new rows, and working groups."""

import datetime
from decimal import Decimal

import pytest

from inkludera.accounts.models import Role
from inkludera.accounts.tests.factories import make_user
from inkludera.support.policies import services
from inkludera.support.policies.models import (
    GroupGoal,
    GroupMeeting,
    MunicipalPolicy,
    WorkingGroup,
    WorkingGroupMember,
)

D = datetime.date


@pytest.fixture
def policy(karlskrona, support_staff):
    return services.publish_policy_version(
        actor=support_staff,
        municipality=karlskrona,
        title="Policy för arbetet med sociala företag",
        valid_from=D(2016, 6, 1),
        summary="Fler sociala företag varje år.",
        direct_procurement_limit=Decimal("534890"),
    )


def version_data(**changes):
    data = {
        "title": "Policy för arbetet med sociala företag",
        "valid_from": "2022-02-01",
        "change_note": "Ny gräns",
        "summary": "Fler sociala företag varje år.",
        "direct_procurement_limit": "700000",
        "social_services_limit": "8109450",
        "documentation_threshold": "100000",
        "reserves_contracts": "on",
        "reserved_areas": "Fordonsvård",
        "contact_name": "Karin Ek",
    }
    data.update(changes)
    return data


def test_the_public_reads_the_policy_in_force_and_its_versions(client, policy):
    assert client.get("/policies/").status_code == 200
    text = client.get("/policies/1080/").content.decode()
    assert "Fler sociala företag varje år." in text
    assert "Version 1" in text
    assert client.get("/policies/1080/v1/").status_code == 200
    assert client.get("/policies/1080/v9/").status_code == 404


def test_the_policy_list_queries_do_not_grow(
    client, policy, ronneby, support_staff, django_assert_max_num_queries
):
    for n in range(5):
        services.publish_policy_version(
            actor=support_staff,
            municipality=ronneby,
            title=f"Ronneby {n}",
            valid_from=D(2018 + n, 1, 1),
        )
    with django_assert_max_num_queries(4):
        response = client.get("/policies/")
    rows = {m.name: p.version if p else None for m, p in response.context["rows"]}
    assert rows == {"Karlskrona": 1, "Ronneby": 5}


def test_a_new_version_is_a_new_row_and_the_old_one_stays(login, support_staff, policy, karlskrona):
    response = login(support_staff).post("/policies/1080/new-version/", version_data())
    assert response.status_code == 302
    assert response.url == "/policies/1080/v2/"
    versions = list(MunicipalPolicy.objects.filter(municipality=karlskrona).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].direct_procurement_limit == Decimal("534890")
    assert versions[1].direct_procurement_limit == Decimal("700000")
    assert versions[1].created_by == support_staff


def test_in_force_picks_the_version_valid_on_the_day(login, support_staff, policy, karlskrona):
    login(support_staff).post("/policies/1080/new-version/", version_data())
    assert MunicipalPolicy.objects.in_force(karlskrona, D(2020, 1, 1)).version == 1
    assert MunicipalPolicy.objects.in_force(karlskrona, D(2022, 2, 1)).version == 2
    assert MunicipalPolicy.objects.in_force(karlskrona, D(2015, 1, 1)) is None


def test_the_version_page_shows_what_changed(login, support_staff, client, policy):
    login(support_staff).post("/policies/1080/new-version/", version_data())
    client.logout()
    text = client.get("/policies/1080/v2/").content.decode()
    assert "Ändringar från version 1" in text
    assert "534 890 kr" not in text  # the table shows raw values
    assert "534890" in text
    assert "700000" in text


def test_a_version_cannot_be_valid_before_the_latest(login, support_staff, policy):
    response = login(support_staff).post(
        "/policies/1080/new-version/", version_data(valid_from="2015-01-01")
    )
    assert "kan inte gälla från före" in response.content.decode()
    assert MunicipalPolicy.objects.count() == 1


def test_a_documentation_threshold_above_the_limit_is_refused(login, support_staff, policy):
    response = login(support_staff).post(
        "/policies/1080/new-version/", version_data(documentation_threshold="800000")
    )
    assert response.status_code == 200
    assert MunicipalPolicy.objects.count() == 1


@pytest.mark.parametrize("who", ["municipal_buyer", "asf_manager"])
def test_only_support_staff_write_versions(login, request, who, policy):
    user = request.getfixturevalue(who)
    assert login(user).get("/policies/1080/new-version/").status_code == 404
    assert login(user).post("/policies/1080/new-version/", version_data()).status_code == 404


def test_the_municipal_buyer_finds_the_policy_from_the_start_page(login, municipal_buyer, policy):
    text = login(municipal_buyer).get("/accounts/start/").content.decode()
    assert "/policies/1080/" in text


# --- working groups --------------------------------------------------------------------------


@pytest.fixture
def group(support_staff, karlskrona):
    return services.create_group(
        actor=support_staff,
        name="Arbetsgruppen i Karlskrona",
        municipality=karlskrona,
        purpose="Policyn.",
    )


def test_support_staff_add_members_notes_and_goals_linked_to_the_project(
    login, support_staff, group, project, kasak
):
    client = login(support_staff)
    client.post(
        f"/policies/groups/{group.pk}/add/member/",
        {"name": "Anders Berg", "organisation": kasak.pk, "role": "Verksamhetsledare"},
    )
    client.post(
        f"/policies/groups/{group.pk}/add/meeting/",
        {"held_on": "2017-03-08", "notes": "Genomgång av policyn."},
    )
    client.post(
        f"/policies/groups/{group.pk}/add/goal/",
        {"text": "Fler ASF varje år", "project": project.pk, "indicator": "CO05"},
    )
    assert WorkingGroupMember.objects.get().organisation == kasak
    assert GroupMeeting.objects.get().created_by == support_staff
    goal = GroupGoal.objects.get()
    assert (goal.project, goal.indicator, goal.status) == (project, "CO05", "open")
    client.post(f"/policies/groups/{group.pk}/goals/{goal.pk}/status/", {"status": "reached"})
    goal.refresh_from_db()
    assert goal.status == "reached"
    # the project dashboard shows the goal
    assert "Fler ASF varje år" in client.get("/eu-project/sib/").content.decode()


def test_meeting_notes_need_text(login, support_staff, group):
    response = login(support_staff).post(
        f"/policies/groups/{group.pk}/add/meeting/", {"held_on": "2017-03-08", "notes": ""}
    )
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_people_of_the_municipality_read_its_groups(login, municipal_buyer, group):
    client = login(municipal_buyer)
    assert client.get(f"/policies/groups/{group.pk}/").status_code == 200
    assert client.post(f"/policies/groups/{group.pk}/add/goal/", {"text": "x"}).status_code == 404


def test_others_do_not_see_the_groups(login, asf_manager, ronneby, group):
    buyer = make_user("inkop@ronneby.example", Role.MUNICIPAL_BUYER, ronneby.organisation)
    assert login(buyer).get(f"/policies/groups/{group.pk}/").status_code == 404
    assert login(asf_manager).get(f"/policies/groups/{group.pk}/").status_code == 404
    assert "Arbetsgruppen" not in login(asf_manager).get("/policies/groups/").content.decode()


def test_a_member_who_leaves_is_kept_with_the_date(login, support_staff, group):
    member = WorkingGroupMember.objects.create(group=group, name="Jonas Lund")
    login(support_staff).post(f"/policies/groups/{group.pk}/members/{member.pk}/leave/")
    member.refresh_from_db()
    assert member.left_on is not None


def test_staff_create_groups(login, support_staff, karlskrona):
    login(support_staff).post(
        "/policies/groups/",
        {"name": "Ny grupp", "municipality": karlskrona.pk, "purpose": "Syfte", "is_active": "on"},
    )
    assert WorkingGroup.objects.get().name == "Ny grupp"
