"""The incubator: the public application, the board, stages, meetings, and becoming an ASF."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from inkludera.accounts.models import Organisation
from inkludera.core.models import PersonalDataAccess
from inkludera.directory.models import AsfProfile
from inkludera.support.euproject.models import WorkforceSnapshot
from inkludera.support.incubator import services
from inkludera.support.incubator.models import (
    ChecklistItem,
    Meeting,
    Stage,
    StageChange,
    Venture,
)

TODAY = timezone.localdate


def application(programme, karlskrona, **changes):
    data = {
        "programme": programme.pk,
        "name": "Cykelköket",
        "idea": "Café med cykelverkstad.",
        "target_group": "Unga vuxna utan jobb.",
        "municipality": karlskrona.pk,
        "contact_name": "Amira Hassan",
        "contact_email": "Amira@Example.com",
        "contact_phone": "0701-234567",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def venture(programme, karlskrona):
    return services.apply(
        programme=programme,
        name="Cykelköket",
        idea="Café med cykelverkstad.",
        target_group="Unga vuxna",
        municipality=karlskrona,
        contact_name="Amira Hassan",
        contact_email="amira@example.com",
        consent=True,
        consent_text="Jag samtycker.",
    )


# --- the public application -----------------------------------------------------------


def test_a_person_applies_with_consent(client, programme, karlskrona):
    response = client.post("/incubator/apply/", application(programme, karlskrona))
    assert response.status_code == 302
    assert response.url == "/incubator/apply/thanks/"
    venture = Venture.objects.get()
    assert (venture.stage, venture.applied_on, venture.contact_email) == (
        "idea",
        TODAY(),
        "amira@example.com",
    )
    assert venture.consent_given_at is not None
    assert "Coompanion" in venture.consent_text
    assert StageChange.objects.get(venture=venture).to_stage == "idea"
    assert mail.outbox[0].to == ["amira@example.com"]


def test_without_consent_nothing_is_stored(client, programme, karlskrona):
    response = client.post("/incubator/apply/", application(programme, karlskrona, consent=None))
    assert response.status_code == 200
    assert "Vi behöver ditt samtycke" in response.content.decode()
    assert not Venture.objects.exists()


def test_missing_fields_are_explained_in_swedish(client, programme, karlskrona):
    response = client.post(
        "/incubator/apply/", application(programme, karlskrona, idea="", contact_email="nej")
    )
    text = response.content.decode()
    assert "Detta fält måste fyllas i." in text
    assert "Fyll i en giltig e-postadress." in text
    assert not Venture.objects.exists()


def test_the_form_says_so_when_no_programme_takes_applications(client, programme):
    programme.accepts_applications = False
    programme.save()
    text = client.get("/incubator/apply/").content.decode()
    assert "tar inte emot nya ansökningar" in text


# --- access --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/incubator/", "/incubator/metrics/", "/incubator/programmes/"])
def test_staff_pages_refuse_outsiders_and_ask_anonymous_to_log_in(client, login, outsider, url, db):
    assert client.get(url).status_code == 302
    assert login(outsider).get(url).status_code == 404


def test_a_venture_is_refused_to_outsiders(login, outsider, asf_manager, venture):
    assert login(outsider).get(f"/incubator/ventures/{venture.pk}/").status_code == 404
    assert (
        login(asf_manager)
        .post(f"/incubator/ventures/{venture.pk}/move/", {"to_stage": "pre_study"})
        .status_code
        == 404
    )


def test_reading_a_venture_logs_the_read_of_contact_details(login, support_staff, venture):
    response = login(support_staff).get(f"/incubator/ventures/{venture.pk}/")
    assert response.status_code == 200
    assert "amira@example.com" in response.content.decode()
    read = PersonalDataAccess.objects.get()
    assert (read.reader, read.part) == (support_staff, "contact")


# --- the board -----------------------------------------------------------------------------


def test_the_board_shows_days_in_stage_and_marks_silent_ideas(login, support_staff, venture):
    long_ago = TODAY() - datetime.timedelta(days=45)
    Venture.objects.filter(pk=venture.pk).update(stage_entered_on=long_ago, applied_on=long_ago)
    text = login(support_staff).get("/incubator/").content.decode()
    assert "45 dagar i detta steg" in text
    assert "Tyst i 45 dagar" in text


def test_a_recent_meeting_keeps_an_idea_from_being_silent(login, support_staff, venture):
    long_ago = TODAY() - datetime.timedelta(days=45)
    Venture.objects.filter(pk=venture.pk).update(stage_entered_on=long_ago, applied_on=long_ago)
    services.log_meeting(
        actor=support_staff, venture=venture, held_on=TODAY(), minutes=60, notes="Möte"
    )
    text = login(support_staff).get("/incubator/").content.decode()
    assert "Tyst i" not in text


def test_the_start_page_reminds_the_advisor_of_silent_ideas(login, support_staff, venture):
    long_ago = TODAY() - datetime.timedelta(days=31)
    Venture.objects.filter(pk=venture.pk).update(
        stage_entered_on=long_ago, applied_on=long_ago, advisor=support_staff
    )
    text = login(support_staff).get("/accounts/start/").content.decode()
    assert "Cykelköket" in text
    assert "tyst i mer än 30 dagar" in text


def test_board_queries_do_not_grow_with_ventures(
    login, support_staff, programme, karlskrona, django_assert_max_num_queries
):
    for i in range(12):
        services.apply(
            programme=programme,
            name=f"Idé {i}",
            idea="x",
            target_group="y",
            municipality=karlskrona,
            contact_name="A",
            contact_email=f"a{i}@example.com",
            consent=True,
            consent_text="ok",
        )
    client = login(support_staff)
    with django_assert_max_num_queries(10):
        response = client.get("/incubator/")
    assert response.status_code == 200


# --- stages, checklist, meetings ------------------------------------------------------------


def test_an_advisor_moves_an_idea_through_two_stages(login, support_staff, venture):
    client = login(support_staff)
    assert (
        client.post(
            f"/incubator/ventures/{venture.pk}/move/", {"to_stage": "pre_study"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/incubator/ventures/{venture.pk}/move/", {"to_stage": "business_plan"}
        ).status_code
        == 302
    )
    venture.refresh_from_db()
    assert venture.stage == "business_plan"
    assert list(venture.stage_changes.values_list("from_stage", "to_stage")) == [
        ("", "idea"),
        ("idea", "pre_study"),
        ("pre_study", "business_plan"),
    ]


def test_moving_on_warns_about_unticked_checklist_items(login, support_staff, venture, programme):
    ChecklistItem.objects.create(
        programme=programme, stage="idea", text="ASF-kriterierna förstådda"
    )
    response = login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/move/", {"to_stage": "pre_study"}, follow=True
    )
    assert "ASF-kriterierna förstådda" in response.content.decode()


def test_ending_a_venture_needs_a_reason(login, support_staff, venture):
    response = login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/move/", {"to_stage": "ended"}
    )
    assert "Skriv varför" in response.content.decode()
    venture.refresh_from_db()
    assert venture.stage == "idea"


def test_established_is_reached_only_by_registering_the_asf(support_staff, venture):
    with pytest.raises(Exception, match="Registrera"):
        services.move_venture(actor=support_staff, venture=venture, to_stage=Stage.ESTABLISHED)


def test_the_checklist_is_ticked_and_unticked(login, support_staff, venture, programme):
    first = ChecklistItem.objects.create(programme=programme, stage="idea", text="Ett")
    second = ChecklistItem.objects.create(programme=programme, stage="idea", text="Två")
    client = login(support_staff)
    client.post(f"/incubator/ventures/{venture.pk}/checklist/", {"done": [first.pk, second.pk]})
    client.post(f"/incubator/ventures/{venture.pk}/checklist/", {"done": [second.pk]})
    assert list(venture.ticks.values_list("item_id", flat=True)) == [second.pk]


def test_checklists_are_edited_per_programme(login, support_staff, programme):
    client = login(support_staff)
    client.post(
        f"/incubator/programmes/{programme.pk}/",
        {
            "action": "item",
            "stage": "start_up",
            "text": "Organisationsnummer och F-skatt",
            "position": "1",
            "is_active": "on",
        },
    )
    item = ChecklistItem.objects.get(programme=programme)
    client.post(
        f"/incubator/programmes/{programme.pk}/items/{item.pk}/",
        {"stage": "start_up", "text": "Org.nr och F-skatt", "position": "1"},
    )
    item.refresh_from_db()
    assert (item.text, item.is_active) == ("Org.nr och F-skatt", False)


def test_a_meeting_is_logged_with_time_spent(login, support_staff, venture):
    response = login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/meeting/",
        {
            "held_on": TODAY().isoformat(),
            "minutes": "90",
            "notes": "Affärsidén",
            "next_steps": "Budget",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.minutes, meeting.advisor) == (90, support_staff)


def test_a_meeting_in_the_future_is_refused(login, support_staff, venture):
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    response = login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/meeting/",
        {"held_on": tomorrow, "minutes": "60", "notes": "x"},
    )
    assert "efter att det har ägt rum" in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_invalid_organisation_number_is_explained(login, support_staff, venture, karlskrona):
    response = login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/edit/",
        {"name": "Cykelköket", "municipality": karlskrona.pk, "org_number": "769700-0000"},
    )
    assert "kontrollsiffra" in response.content.decode()


# --- becoming an ASF ----------------------------------------------------------------------


def convert_data(karlskrona, number="7696900021"):
    return {
        "org-name": "Cykelköket ek. för.",
        "org-org_number": number,
        "org-email": "info@cykelkoket.example",
        "org-city": "Karlskrona",
        "asf-summary": "Café och cykelverkstad.",
        "asf-legal_form": "ekonomisk_forening",
        "asf-home_municipality": karlskrona.pk,
        "asf-criterion_integration": "on",
        "asf-employees_count": "2",
        "asf-participants_count": "4",
        "asf-far_from_labour_market_count": "4",
        "asf-is_published": "on",
    }


def test_an_established_venture_becomes_an_asf_with_one_action(
    login, support_staff, venture, karlskrona, project
):
    venture.programme.project = project
    venture.programme.save()
    Venture.objects.filter(pk=venture.pk).update(stage="start_up")
    services.log_meeting(
        actor=support_staff, venture=venture, held_on=TODAY(), minutes=60, notes="Styrelsen bildad"
    )
    client = login(support_staff)

    response = client.post(
        f"/incubator/ventures/{venture.pk}/register-asf/", convert_data(karlskrona)
    )

    profile = AsfProfile.objects.get(organisation__org_number="7696900021")
    assert response.status_code == 302
    assert response.url == f"/directory/{profile.organisation.slug}/"
    venture.refresh_from_db()
    assert (venture.stage, venture.organisation, venture.established_on) == (
        "established",
        profile.organisation,
        TODAY(),
    )
    # the history shows on the ASF's page for support staff
    text = client.get(response.url).content.decode()
    assert "Från inkubatorn" in text
    assert "Styrelsen bildad" in text


def test_the_public_does_not_see_the_incubator_history(
    client, login, support_staff, venture, karlskrona
):
    Venture.objects.filter(pk=venture.pk).update(stage="start_up")
    login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/register-asf/", convert_data(karlskrona)
    )
    client.logout()
    slug = Organisation.objects.get(org_number="7696900021").slug
    assert "Från inkubatorn" not in client.get(f"/directory/{slug}/").content.decode()


def test_a_bad_organisation_number_creates_nothing(login, support_staff, venture, karlskrona):
    Venture.objects.filter(pk=venture.pk).update(stage="start_up")
    response = login(support_staff).post(
        f"/incubator/ventures/{venture.pk}/register-asf/", convert_data(karlskrona, "769700-0000")
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Cykelköket ek. för.").exists()
    venture.refresh_from_db()
    assert venture.stage == "start_up"


def test_a_new_asf_within_a_running_project_starts_at_zero_employees(
    support_staff, venture, karlskrona, project
):
    from inkludera.support.euproject.models import Project

    Project.objects.filter(pk=project.pk).update(ends_on=TODAY() + datetime.timedelta(days=30))
    project.refresh_from_db()
    venture.programme.project = project
    venture.programme.save()
    Venture.objects.filter(pk=venture.pk).update(stage="start_up")
    venture.refresh_from_db()
    profile = services.register_as_asf(
        actor=support_staff,
        venture=venture,
        organisation_data={"name": "Cykelköket", "org_number": "7696900021"},
        profile_data={
            "summary": "x",
            "legal_form": "ekonomisk_forening",
            "home_municipality": karlskrona,
        },
    )
    baseline = WorkforceSnapshot.objects.get(organisation=profile.organisation)
    assert (baseline.kind, baseline.employees) == ("baseline", 0)


def test_contact_details_of_an_ended_venture_can_be_erased(login, support_staff, venture):
    services.move_venture(actor=support_staff, venture=venture, to_stage="ended", note="Fick jobb")
    login(support_staff).post(f"/incubator/ventures/{venture.pk}/erase/")
    venture.refresh_from_db()
    assert venture.contact_phone == ""
    assert "amira" not in venture.contact_email
    assert venture.contact_erased_on == TODAY()


# --- metrics -----------------------------------------------------------------------------


def test_metrics_show_conversion_and_time_to_start_up(login, support_staff, venture):
    services.move_venture(actor=support_staff, venture=venture, to_stage="pre_study")
    response = login(support_staff).get("/incubator/metrics/")
    metrics = response.context["metrics"]
    assert metrics.applications == 1
    assert [row.reached for row in metrics.stages] == [1, 1, 0, 0, 0]
    assert 'role="img"' in response.content.decode()


# --- reminders -------------------------------------------------------------------------


def test_advisors_are_emailed_about_silent_ideas_once_a_week(support_staff, venture):
    long_ago = TODAY() - datetime.timedelta(days=40)
    Venture.objects.filter(pk=venture.pk).update(
        stage_entered_on=long_ago, applied_on=long_ago, advisor=support_staff
    )
    mail.outbox.clear()

    assert services.send_silence_reminders() == 1
    assert mail.outbox[0].to == [support_staff.email]
    assert "Cykelköket" in mail.outbox[0].body
    assert services.send_silence_reminders() == 0  # not again the same day
    assert services.send_silence_reminders(today=TODAY() + datetime.timedelta(days=7)) == 1


def test_ideas_with_recent_meetings_are_not_reminded(support_staff, venture):
    Venture.objects.filter(pk=venture.pk).update(advisor=support_staff)
    services.log_meeting(
        actor=support_staff, venture=venture, held_on=TODAY(), minutes=30, notes="x"
    )
    assert services.send_silence_reminders() == 0
