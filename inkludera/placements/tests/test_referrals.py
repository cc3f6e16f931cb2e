"""Referral and intake: the officer refers, the ASF decides; the state machine holds."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from inkludera.core.models import AuditEntry
from inkludera.placements import services
from inkludera.placements.models import Participant, Placement, PlacementTransition, State
from inkludera.placements.states import TRANSITIONS
from inkludera.placements.tests.factories import NUMBERS, make_agreement, make_case
from inkludera.planning.models import Worker

pytestmark = pytest.mark.django_db


def referral_data(agreement, **changes):
    data = {
        "agreement": agreement.pk,
        "name": "Sara Lindqvist",
        "personal_number": "19910717-2380",
        "phone": "070-123 45 67",
        "email": "sara@example.com",
        "address": "",
        "requested_start": "",
        "goals": "Klara en hel dag\nTa körkort",
        "support_needs": "Behöver lugn miljö.",
        "join_waiting_list": "False",
    }
    data.update(changes)
    return data


def refer_url(karlskrona):
    return f"/placements/funders/{karlskrona.organisation.slug}/refer/"


def test_officer_refers_a_person(
    login, placement_officer, agreement, karlskrona, asf_manager, django_capture_on_commit_callbacks
):
    client = login(placement_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(refer_url(karlskrona), referral_data(agreement))

    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/placements/people/{placement.pk}/"
    assert placement.state == State.REFERRED
    assert placement.referring_organisation == karlskrona.organisation
    assert placement.sex == "female"
    assert placement.age_band == "30-39"
    assert placement.person.name == "Sara Lindqvist"
    assert placement.person.personal_number == "199107172380"
    assert [g.text for g in placement.plan.goals.all()] == ["Klara en hel dag", "Ta körkort"]
    assert placement.support_needs.text == "Behöver lugn miljö."
    assert list(placement.transitions.values_list("to_state", flat=True)) == ["referred"]
    assert AuditEntry.objects.filter(action="placement.referred").exists()
    # The ASF's managers are told, without any personal data in the mail.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [asf_manager.email]
    assert "Sara" not in mail.outbox[0].body
    assert "199107172380" not in mail.outbox[0].body


def test_personal_data_is_encrypted_at_rest(placement_officer, agreement, karlskrona):
    services.refer_person(
        actor=placement_officer,
        organisation=karlskrona.organisation,
        agreement=agreement,
        person=services.PersonDetails(name="Sara Lindqvist", personal_number="19910717-2380"),
        support_needs="Epilepsi: behöver kunna vila.",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, personal_number FROM placements_participant")
        name, number = cursor.fetchone()
        cursor.execute("SELECT text FROM placements_supportneeds")
        (needs,) = cursor.fetchone()
    assert "Sara" not in name
    assert "199107172380" not in number
    assert "910717" not in number
    assert "Epilepsi" not in needs
    key = Placement.objects.get().person_key
    assert "199107172380" not in key
    assert len(key) == 64


def test_invalid_personal_number_gets_a_clear_message_and_nothing_is_written(
    login, placement_officer, agreement, karlskrona
):
    client = login(placement_officer)
    response = client.post(
        refer_url(karlskrona), referral_data(agreement, personal_number="19910717-2381")
    )
    assert response.status_code == 200
    assert "Personnumrets kontrollsiffra stämmer inte." in response.content.decode()
    assert not Placement.objects.exists()
    assert not Participant.objects.exists()


def test_a_coordination_number_is_accepted(placement_officer, agreement, karlskrona):
    placement = services.refer_person(
        actor=placement_officer,
        organisation=karlskrona.organisation,
        agreement=agreement,
        person=services.PersonDetails(name="Ali Test", personal_number="701063-2391"),
    )
    assert placement.person.personal_number == "197010632391"
    assert placement.sex == "male"


def test_the_same_person_cannot_have_two_open_cases_in_one_agreement(
    login, placement_officer, agreement, karlskrona
):
    client = login(placement_officer)
    client.post(refer_url(karlskrona), referral_data(agreement))
    first = Placement.objects.get()
    response = client.post(
        refer_url(karlskrona),
        referral_data(agreement, personal_number="910717-2380", name="Sara L"),
    )
    assert response.status_code == 200
    assert (
        f"Personen har redan ett öppet ärende i det här avtalet ({first.reference})."
        in response.content.decode()
    )
    assert Placement.objects.count() == 1


def test_a_full_agreement_warns_and_offers_the_waiting_list(
    login, placement_officer, kasak, karlskrona, today
):
    small = make_agreement(kasak, karlskrona.organisation, places=1)
    make_case(small, "ahmed", start=today - datetime.timedelta(days=10))
    client = login(placement_officer)

    response = client.post(refer_url(karlskrona), referral_data(small))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Avtalet är fullt." in text
    assert "Anvisa till väntelistan" in text
    assert Placement.objects.count() == 1  # nothing half-written

    response = client.post(refer_url(karlskrona), referral_data(small, join_waiting_list="on"))
    placement = Placement.objects.get(person_key__isnull=False, state=State.WAITING)
    assert response.status_code == 302
    assert [t.to_state for t in placement.transitions.all()] == ["referred", "waiting"]
    assert placement.transitions.last().reason == "agreement_full"


def test_only_the_funders_own_agreements_can_be_chosen(
    login, placement_officer, kasak, ronneby, karlskrona
):
    foreign = make_agreement(kasak, ronneby.organisation)
    client = login(placement_officer)
    response = client.post(refer_url(karlskrona), referral_data(foreign))
    assert response.status_code == 200
    assert not Placement.objects.exists()


def decide(client, placement, action, **data):
    payload = {"action": action, **{f"{action}-{k}": v for k, v in data.items()}}
    return client.post(f"/placements/people/{placement.pk}/decide/", payload)


def test_manager_accepts_with_a_start_date_and_supervisor(
    login,
    asf_manager,
    supervisor,
    agreement,
    placement_officer,
    today,
    django_capture_on_commit_callbacks,
):
    placement = make_case(agreement, "sara", state=State.REFERRED, referred_on=today)
    placement.referred_by = placement_officer
    placement.save()
    client = login(asf_manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            client,
            placement,
            "accept",
            start_date=(today + datetime.timedelta(days=7)).isoformat(),
            supervisor=supervisor.pk,
            note="Välkommen på måndag",
        )

    placement.refresh_from_db()
    assert response.status_code == 302
    assert placement.state == State.ACCEPTED
    assert placement.start_date == today + datetime.timedelta(days=7)
    assert placement.supervisor == supervisor
    assert placement.transitions.last().note == "Välkommen på måndag"
    assert mail.outbox[-1].to == [placement_officer.email]


def test_decline_needs_a_structured_reason_and_a_note_for_other(
    login, asf_manager, agreement, today
):
    placement = make_case(agreement, "sara", state=State.REFERRED, referred_on=today)
    client = login(asf_manager)

    response = decide(client, placement, "decline", reason="other", note="")
    assert "Beskriv skälet när du väljer ”Annat”." in response.content.decode()
    placement.refresh_from_db()
    assert placement.state == State.REFERRED

    decide(client, placement, "decline", reason="not_a_match", note="")
    placement.refresh_from_db()
    assert placement.state == State.DECLINED
    assert placement.decline_reason == "not_a_match"
    assert placement.declined_on == today


def test_accepting_into_a_full_agreement_is_refused(login, asf_manager, kasak, karlskrona, today):
    small = make_agreement(kasak, karlskrona.organisation, places=1)
    make_case(small, "ahmed", start=today - datetime.timedelta(days=3))
    waiting = make_case(small, "sara", state=State.WAITING, referred_on=today)
    response = decide(login(asf_manager), waiting, "accept", start_date=today.isoformat())
    assert "Alla 1 platser är tagna." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == State.WAITING


def test_every_step_outside_the_state_machine_is_refused(asf_manager, agreement, kasak, today):
    for from_state in State.values:
        for to_state in State.values:
            if (from_state, to_state) in TRANSITIONS:
                continue
            placement = make_case(agreement, "ahmed", state=from_state, referred_on=today)
            with pytest.raises(ValidationError):
                services._step(placement, to_state, actor=asf_manager, organisation=kasak, on=today)
            placement.delete()


def test_a_step_belongs_to_one_side(
    placement_officer, asf_manager, agreement, karlskrona, kasak, today
):
    placement = make_case(agreement, "sara", state=State.REFERRED, referred_on=today)
    with pytest.raises(ValidationError):
        services.accept_referral(
            actor=placement_officer,
            organisation=karlskrona.organisation,
            placement=placement,
            start_date=today,
            supervisor=None,
        )
    with pytest.raises(ValidationError):
        services.withdraw_referral(actor=asf_manager, organisation=kasak, placement=placement)
    services.withdraw_referral(
        actor=placement_officer, organisation=karlskrona.organisation, placement=placement
    )
    placement.refresh_from_db()
    assert placement.state == State.WITHDRAWN


def test_start_puts_the_person_in_planning_and_exit_takes_them_out(
    asf_manager, kasak, agreement, today, on_day
):
    placement = make_case(
        agreement, "sara", state=State.ACCEPTED, referred_on=today - datetime.timedelta(days=20)
    )
    services.start_placement(
        actor=asf_manager, organisation=kasak, placement=placement, start_date=today
    )
    placement.refresh_from_db()
    worker = placement.worker
    assert placement.state == State.ACTIVE
    assert worker.kind == Worker.Kind.PARTICIPANT
    assert worker.asf == kasak
    assert worker.name == "Sara T."  # first name and initial only
    services.end_placement(
        actor=asf_manager,
        organisation=kasak,
        placement=placement,
        end_date=today,
        outcome="studies",
    )
    worker.refresh_from_db()
    assert not worker.is_active


def test_an_exit_before_the_start_is_refused_and_nothing_changes(
    login, asf_manager, agreement, today
):
    placement = make_case(agreement, "sara", start=today - datetime.timedelta(days=10))
    response = login(asf_manager).post(
        f"/placements/people/{placement.pk}/end/",
        {"end_date": (today - datetime.timedelta(days=11)).isoformat(), "outcome": "studies"},
    )
    assert response.status_code == 200
    assert "Slutdatumet ligger före startdatumet" in response.content.decode()
    placement.refresh_from_db()
    assert placement.state == State.ACTIVE
    assert placement.end_date is None
    assert not PlacementTransition.objects.filter(placement=placement).exists()


def test_overlapping_places_for_one_person_in_one_agreement_are_refused(
    asf_manager, kasak, agreement, today
):
    make_case(
        agreement,
        "sara",
        state=State.ENDED,
        start=today - datetime.timedelta(days=100),
        end=today - datetime.timedelta(days=5),
        outcome="moved",
    )
    again = make_case(
        agreement, "sara", state=State.REFERRED, referred_on=today - datetime.timedelta(days=30)
    )
    with pytest.raises(ValidationError) as caught:
        services.accept_referral(
            actor=asf_manager,
            organisation=kasak,
            placement=again,
            start_date=today - datetime.timedelta(days=10),
            supervisor=None,
        )
    assert "start_date" in caught.value.message_dict
    again.refresh_from_db()
    assert again.state == State.REFERRED
    services.accept_referral(
        actor=asf_manager,
        organisation=kasak,
        placement=again,
        start_date=today - datetime.timedelta(days=4),
        supervisor=None,
    )


def test_pause_and_resume(asf_manager, kasak, agreement, today):
    placement = make_case(agreement, "sara", start=today - datetime.timedelta(days=40))
    with pytest.raises(ValidationError):
        services.pause_placement(
            actor=asf_manager,
            organisation=kasak,
            placement=placement,
            from_date=today - datetime.timedelta(days=41),
            reason="sick_leave",
        )
    services.pause_placement(
        actor=asf_manager,
        organisation=kasak,
        placement=placement,
        from_date=today,
        reason="sick_leave",
    )
    placement.refresh_from_db()
    assert placement.state == State.PAUSED
    services.resume_placement(actor=asf_manager, organisation=kasak, placement=placement, on=today)
    placement.refresh_from_db()
    assert placement.state == State.ACTIVE
    assert placement.paused_since is None


def test_transitions_are_shown_to_both_sides(
    login, asf_manager, placement_officer, agreement, kasak, today
):
    placement = make_case(agreement, "sara", state=State.REFERRED, referred_on=today)
    services.put_on_waiting_list(
        actor=asf_manager, organisation=kasak, placement=placement, note="Plats i januari"
    )
    officer_page = login(placement_officer).get(f"/placements/people/{placement.pk}/")
    text = officer_page.content.decode()
    assert "På väntelistan" in text
    assert "Plats i januari" in text


def test_agreement_end_before_start_is_refused(login, asf_manager, kasak, karlskrona):
    response = login(asf_manager).post(
        f"/placements/organisations/{kasak.slug}/agreements/new/",
        {
            "counterpart": karlskrona.organisation.pk,
            "place_kind": "work_training",
            "places": "10",
            "pricing": "per_place_month",
            "price": "9800",
            "vat_rate": "0.00",
            "vat_exemption_reason": "Social omsorg",
            "start_date": "2027-01-01",
            "end_date": "2026-12-31",
            "report_frequency": "monthly",
            "asf_contact": "Anders",
            "funder_contact": "Jonas",
            "retention_years": "5",
        },
    )
    assert response.status_code == 200
    assert "Slutdatumet ligger före startdatumet." in response.content.decode()
    assert not kasak.asf_agreements.exists()


def test_manager_registers_extends_and_ends_an_agreement(login, asf_manager, kasak, karlskrona):
    client = login(asf_manager)
    response = client.post(
        f"/placements/organisations/{kasak.slug}/agreements/new/",
        {
            "counterpart": karlskrona.organisation.pk,
            "place_kind": "work_training",
            "places": "10",
            "pricing": "per_present_day",
            "price": "150",
            "vat_rate": "0.00",
            "vat_exemption_reason": "Social omsorg",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "report_frequency": "monthly",
            "asf_contact": "Anders",
            "funder_contact": "Jonas",
            "retention_years": "3",
        },
    )
    agreement = kasak.asf_agreements.get()
    assert response["Location"] == f"/placements/agreements/{agreement.pk}/"
    client.post(f"/placements/agreements/{agreement.pk}/extend/", {"end_date": "2027-06-30"})
    agreement.refresh_from_db()
    assert agreement.end_date == datetime.date(2027, 6, 30)
    response = client.post(
        f"/placements/agreements/{agreement.pk}/extend/", {"end_date": "2027-01-01"}
    )
    assert "En förlängning slutar efter" in response.content.decode()
    client.post(
        f"/placements/agreements/{agreement.pk}/end/",
        {"end_date": "2026-10-31", "reason": "Kommunen omorganiserar"},
    )
    agreement.refresh_from_db()
    assert agreement.end_date == datetime.date(2026, 10, 31)
    assert agreement.ended_early_on == datetime.date(2026, 10, 31)


def test_an_agreement_with_open_cases_cannot_end(asf_manager, agreement, today):
    make_case(agreement, "sara", start=today - datetime.timedelta(days=5))
    with pytest.raises(ValidationError) as caught:
        services.end_agreement(
            actor=asf_manager, agreement=agreement, end_date=today, reason="Slut"
        )
    assert "end_date" in caught.value.message_dict


def test_zero_vat_needs_a_reason(asf_manager, kasak, karlskrona):
    with pytest.raises(ValidationError) as caught:
        services.create_agreement(
            actor=asf_manager,
            asf=kasak,
            funder=karlskrona.organisation,
            data={
                "place_kind": "work_training",
                "places": 5,
                "pricing": "per_place_month",
                "price": "100",
                "vat_rate": "0.00",
                "start_date": datetime.date(2026, 1, 1),
                "end_date": datetime.date(2026, 12, 31),
                "asf_contact": "A",
                "funder_contact": "B",
            },
        )
    assert "vat_exemption_reason" in caught.value.message_dict


def test_follow_ups_after_6_and_12_months(placement_officer, agreement, today):
    ended = make_case(
        agreement,
        "sara",
        state=State.ENDED,
        start=today - datetime.timedelta(days=400),
        end=today - datetime.timedelta(days=200),
        outcome="work_open",
    )
    services.record_follow_up(actor=placement_officer, placement=ended, months=6, outcome="studies")
    with pytest.raises(ValidationError):
        services.record_follow_up(
            actor=placement_officer, placement=ended, months=12, outcome="studies"
        )
    assert ended.follow_ups.get().outcome == "studies"


def test_plan_goals_and_capacity_steps(login, supervisor, case, today):
    case.worker = Worker.objects.create(asf=case.agreement.asf, name="Ahmed", kind="participant")
    case.save(update_fields=["worker"])
    client = login(supervisor)
    client.post(
        f"/placements/people/{case.pk}/plan/",
        {"action": "goal", "goal-text": "Klara en hel dag", "goal-target_date": ""},
    )
    client.post(
        f"/placements/people/{case.pk}/plan/",
        {"action": "step", "step-from_date": today.isoformat(), "step-percent": "50"},
    )
    response = client.post(
        f"/placements/people/{case.pk}/plan/",
        {
            "action": "step",
            "step-from_date": (today - datetime.timedelta(days=31)).isoformat(),
            "step-percent": "25",
        },
    )
    assert "Ett steg kan inte börja före starten" in response.content.decode()
    assert case.plan.goals.get().text == "Klara en hel dag"
    assert services.capacity_steps(case) == [(today, 50)]
    # the step-up reaches the person's capacity profile in planning
    steps = case.worker.profile.steps.values_list("from_date", "weekly_minutes")
    assert list(steps) == [(today, 1200)]


def test_consent_lets_support_staff_read_the_record_until_withdrawn(
    login, asf_manager, support_staff, coompanion, agreement, today
):
    placement = make_case(agreement, "sara", start=today - datetime.timedelta(days=5))
    client = login(support_staff)
    assert client.get(f"/placements/people/{placement.pk}/").status_code == 404
    consent = services.record_consent(
        actor=asf_manager,
        placement=placement,
        organisation=coompanion,
        purpose="Coachning",
        method="written",
        given_on=today,
    )
    assert client.get(f"/placements/people/{placement.pk}/").status_code == 200
    assert client.get(f"/placements/people/{placement.pk}/support-needs/").status_code == 404
    services.withdraw_consent(actor=asf_manager, placement=placement, consent=consent)
    assert client.get(f"/placements/people/{placement.pk}/").status_code == 404


def test_search_by_personal_number_finds_only_visible_cases(
    login, placement_officer, other_officer, case
):
    found = login(placement_officer).get("/placements/search/", {"personal_number": "900602-2397"})
    assert [p.pk for p in found.context["found"]] == [case.pk]
    found = login(other_officer).get("/placements/search/", {"personal_number": "900602-2397"})
    assert found.context["found"] == []


def test_numbers_used_in_tests_are_valid():
    from inkludera.core.identifiers import clean_personal_number

    for number in NUMBERS.values():
        assert clean_personal_number(number) == number
