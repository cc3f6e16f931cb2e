"""Privacy built in: no admin, no names in logs or mail, no caching, lean list pages."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin

from inkludera.core.models import AuditEntry, PersonalDataAccess
from inkludera.placements import services
from inkludera.placements.models import State
from inkludera.placements.tests.factories import NUMBERS, make_case

pytestmark = pytest.mark.django_db


def test_no_placements_model_is_in_the_django_admin():
    assert not [m for m in admin.site._registry if m._meta.app_label == "placements"]


def test_audit_entries_name_cases_by_reference_only(
    placement_officer, asf_manager, agreement, karlskrona, kasak, today
):
    placement = services.refer_person(
        actor=placement_officer,
        organisation=karlskrona.organisation,
        agreement=agreement,
        person=services.PersonDetails(name="Sara Lindqvist", personal_number="19910717-2380"),
    )
    services.decline_referral(
        actor=asf_manager, organisation=kasak, placement=placement, reason="other", note="Flyttar"
    )
    for entry in AuditEntry.objects.all():
        text = f"{entry.message} {entry.data}"
        for secret in ("Sara", "199107172380", "Flyttar"):
            assert secret not in text


def test_pages_with_personal_data_are_not_cached(login, asf_manager, case):
    response = login(asf_manager).get(f"/placements/people/{case.pk}/")
    assert "no-store" in response["Cache-Control"]


def test_the_record_shows_no_support_needs_until_opened(login, supervisor, case):
    client = login(supervisor)
    record = client.get(f"/placements/people/{case.pk}/").content.decode()
    assert "Behöver lugn miljö." not in record
    assert "19900602-****" in record  # the full number is not shown on the record
    assert "19900602-2397" not in record
    assert not PersonalDataAccess.objects.filter(part="support_needs").exists()
    needs = client.get(f"/placements/people/{case.pk}/support-needs/").content.decode()
    assert "Behöver lugn miljö." in needs
    assert PersonalDataAccess.objects.filter(part="support_needs", reader=supervisor).count() == 1


def test_the_start_page_shows_counts_and_reads_nothing(login, asf_manager, placement_officer, case):
    homes = {asf_manager: "/placements/asf/kasak/", placement_officer: "/placements/funders/"}
    for user in (asf_manager, placement_officer):
        text = login(user).get("/accounts/start/").content.decode()
        assert "Ahmed" not in text
        assert "personer har en plats</a>" in text  # the figure leads to the list
        assert homes[user] in text
    assert not PersonalDataAccess.objects.exists()


def test_the_organisation_access_log_names_cases_not_people(
    login, asf_manager, supervisor, case, kasak
):
    login(supervisor).get(f"/placements/people/{case.pk}/")
    response = login(asf_manager).get(f"/placements/asf/{kasak.slug}/access-log/")
    text = response.content.decode()
    assert f"#{case.pk}" in text
    assert "Handledare" in text  # the role the reader acted in
    assert "Ahmed" not in text


def _fill(agreement, supervisor, today, names):
    for who in names:
        make_case(agreement, who, start=today - datetime.timedelta(days=20), supervisor=supervisor)


@pytest.mark.parametrize(
    "url",
    [
        "/placements/asf/{asf}/",
        "/placements/funders/{funder}/",
        "/placements/agreements/{agreement}/",
        "/placements/asf/{asf}/access-log/",
        "/placements/asf/{asf}/dashboard/",
    ],
)
def test_list_pages_do_not_grow_in_queries_with_people(
    login,
    asf_manager,
    placement_officer,
    supervisor,
    agreement,
    kasak,
    karlskrona,
    today,
    url,
    django_assert_max_num_queries,
):
    user = placement_officer if "funders" in url else asf_manager
    client = login(user)
    path = url.format(asf=kasak.slug, funder=karlskrona.organisation.slug, agreement=agreement.pk)
    names = list(NUMBERS)
    _fill(agreement, supervisor, today, names[:2])
    client.get(path)
    with django_assert_max_num_queries(25) as few:
        client.get(path)
    baseline = len(few.captured_queries)
    _fill(agreement, supervisor, today, names[2:10])
    client.get(path)
    with django_assert_max_num_queries(baseline):
        response = client.get(path)
    assert response.status_code == 200


def test_the_record_page_query_count(login, asf_manager, case, django_assert_max_num_queries):
    client = login(asf_manager)
    with django_assert_max_num_queries(30):
        assert client.get(f"/placements/people/{case.pk}/").status_code == 200


def test_a_declined_case_keeps_its_history_for_both_sides(
    login, asf_manager, placement_officer, agreement, today
):
    placement = make_case(agreement, "sara", state=State.DECLINED, referred_on=today)
    assert login(placement_officer).get(f"/placements/people/{placement.pk}/").status_code == 200
    assert login(asf_manager).get(f"/placements/people/{placement.pk}/").status_code == 200
