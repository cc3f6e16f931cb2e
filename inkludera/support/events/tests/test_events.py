"""Activities: creating them, public and ASF registration with a waiting list, the calendar
file, who took part (counts by sex), follow-ups, and the ASF's profile."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from inkludera.core.models import PersonalDataAccess
from inkludera.support.conftest import make_activity
from inkludera.support.euproject.models import WorkforceSnapshot
from inkludera.support.events import services
from inkludera.support.events.models import Activity, FollowUp, Participation, Registration


def person(name="Eva", email="eva@example.com", people=1):
    return {"name": name, "email": email, "people": str(people)}


# --- staff create activities ------------------------------------------------------------


def activity_data(**changes):
    start = (timezone.localtime() + datetime.timedelta(days=30)).replace(hour=9, minute=0)
    data = {
        "title": "Näringslivsdagarna 2027",
        "kind": "business_day",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Konserthuset, Karlskrona",
        "capacity": "150",
        "target_group": "Företag och köpare i Blekinge",
        "registration_open": "on",
        "is_published": "on",
    }
    data.update(changes)
    return data


def test_support_staff_create_an_activity(login, support_staff, coompanion):
    response = login(support_staff).post("/events/manage/new/", activity_data())
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.capacity, activity.organiser, activity.created_by) == (
        150,
        coompanion,
        support_staff,
    )


def test_an_activity_ending_before_it_starts_is_refused(login, support_staff):
    data = activity_data()
    data["ends_at"] = data["starts_at"].replace("T09", "T08")
    response = login(support_staff).post("/events/manage/new/", data)
    assert "sluta efter att den börjar" in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize("url", ["/events/manage/", "/events/manage/new/"])
def test_staff_pages_refuse_others(client, login, asf_manager, url):
    assert client.get(url).status_code == 302
    assert login(asf_manager).get(url).status_code == 404


def test_an_activity_page_for_staff_is_refused_to_outsiders(login, outsider, upcoming_activity):
    assert login(outsider).get(f"/events/manage/{upcoming_activity.pk}/").status_code == 404
    assert (
        login(outsider).get(f"/events/manage/{upcoming_activity.pk}/participants/").status_code
        == 404
    )


def test_capacity_raised_moves_people_up_from_the_waiting_list(
    login, support_staff, upcoming_activity
):
    upcoming_activity.capacity = 1
    upcoming_activity.save()
    services.register(activity=upcoming_activity, name="A", email="a@example.com")
    waiting = services.register(activity=upcoming_activity, name="B", email="b@example.com")
    assert waiting.status == "waiting"
    services.update_activity(actor=support_staff, activity=upcoming_activity, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


# --- the public registers -----------------------------------------------------------------


def test_a_person_registers_through_the_public_page(client, upcoming_activity):
    response = client.post(f"/events/{upcoming_activity.pk}/register/", person())
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response.url == f"/events/registrations/{registration.token}/"
    assert registration.status == "confirmed"
    sent = mail.outbox[0]
    assert sent.to == ["eva@example.com"]
    assert sent.attachments[0][0] == "aktivitet.ics"
    page = client.get(response.url).content.decode()
    assert "är anmäld" in page


def test_a_registration_to_a_full_event_goes_on_the_waiting_list(client, upcoming_activity):
    upcoming_activity.capacity = 2
    upcoming_activity.save()
    client.post(f"/events/{upcoming_activity.pk}/register/", person("A", "a@example.com", 2))
    response = client.post(
        f"/events/{upcoming_activity.pk}/register/", person("B", "b@example.com"), follow=True
    )
    text = response.content.decode()
    assert "nummer 1 i kön" in text
    assert Registration.objects.get(email="b@example.com").status == "waiting"
    assert (
        "väntelista" in mail.outbox[-1].subject.lower() or "kö" in mail.outbox[-1].subject.lower()
    )
    # the activity page says it is full
    assert "fullbokad" in client.get(f"/events/{upcoming_activity.pk}/").content.decode()


def test_a_cancellation_moves_the_next_that_fits_up(client, upcoming_activity):
    upcoming_activity.capacity = 3
    upcoming_activity.save()
    first = services.register(activity=upcoming_activity, name="A", email="a@example.com", people=3)
    big = services.register(activity=upcoming_activity, name="B", email="b@example.com", people=4)
    small = services.register(activity=upcoming_activity, name="C", email="c@example.com", people=2)
    client.post(f"/events/registrations/{first.token}/cancel/")
    big.refresh_from_db()
    small.refresh_from_db()
    assert (big.status, small.status) == ("waiting", "confirmed")
    assert "flyttat upp" in mail.outbox[-1].body


def test_the_same_email_cannot_register_twice(client, upcoming_activity):
    client.post(f"/events/{upcoming_activity.pk}/register/", person())
    response = client.post(
        f"/events/{upcoming_activity.pk}/register/", person(email="EVA@example.com")
    )
    assert "redan anmäld" in response.content.decode()
    assert Registration.objects.count() == 1


def test_registration_is_closed_for_past_activities(client, db):
    activity = make_activity(days_from_now=-3)
    response = client.post(f"/events/{activity.pk}/register/", person())
    assert "stängd" in response.content.decode()
    assert not Registration.objects.exists()


def test_unpublished_activities_are_hidden_from_the_public(client, login, support_staff):
    activity = make_activity(is_published=False)
    assert client.get(f"/events/{activity.pk}/").status_code == 404
    assert login(support_staff).get(f"/events/{activity.pk}/").status_code == 200


def test_the_calendar_file_describes_the_activity(client, upcoming_activity):
    response = client.get(f"/events/{upcoming_activity.pk}/calendar.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in text
    assert "SUMMARY:Nätverksträff" in text
    assert f"DTSTART:{upcoming_activity.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in text
    assert "\r\n" in text


def test_the_public_calendar_queries_do_not_grow(client, db, django_assert_max_num_queries):
    for i in range(10):
        make_activity(title=f"Träff {i}")
    with django_assert_max_num_queries(6):
        response = client.get("/events/")
    assert len(response.context["upcoming"]) == 10


# --- an ASF registers ------------------------------------------------------------------------


def test_an_asf_manager_registers_the_asf(login, asf_manager, kasak, upcoming_activity):
    client = login(asf_manager)
    page = client.get(f"/events/{upcoming_activity.pk}/").content.decode()
    assert "Anmäl KASAK" in page
    response = client.post(
        f"/events/{upcoming_activity.pk}/register-asf/",
        {
            "organisation": kasak.pk,
            "name": "Anders Berg",
            "email": "chef@kasak.example",
            "people": "3",
        },
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.organisation, registration.people, registration.registered_by) == (
        kasak,
        3,
        asf_manager,
    )
    assert (
        "KASAK är anmäld till aktiviteten"
        in client.get(f"/events/{upcoming_activity.pk}/").content.decode()
    )


def test_an_asf_is_registered_once(login, asf_manager, kasak, upcoming_activity):
    client = login(asf_manager)
    data = {"organisation": kasak.pk, "name": "A", "email": "chef@kasak.example", "people": "1"}
    client.post(f"/events/{upcoming_activity.pk}/register-asf/", data)
    response = client.post(f"/events/{upcoming_activity.pk}/register-asf/", data)
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def test_a_manager_cannot_register_another_asf(login, outsider, kasak, upcoming_activity):
    response = login(outsider).post(
        f"/events/{upcoming_activity.pk}/register-asf/",
        {"organisation": kasak.pk, "name": "X", "email": "x@example.com", "people": "1"},
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_staff_read_registrations_and_the_read_is_logged(login, support_staff, upcoming_activity):
    services.register(activity=upcoming_activity, name="Eva", email="eva@example.com")
    text = login(support_staff).get(f"/events/manage/{upcoming_activity.pk}/").content.decode()
    assert "eva@example.com" in text
    assert PersonalDataAccess.objects.get().part == "registrations"


# --- after the activity -------------------------------------------------------------------


def test_staff_record_who_took_part_by_sex(login, support_staff, kasak, other_asf, project):
    activity = make_activity(days_from_now=-1, project=project)
    activity.starts_at = activity.starts_at.replace(year=2017)
    activity.ends_at = activity.starts_at + datetime.timedelta(hours=3)
    activity.save()
    client = login(support_staff)
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-organisation": kasak.pk,
        "form-0-women": "1",
        "form-0-men": "3",
        "form-1-group_name": "Inköpare",
        "form-1-women": "4",
        "form-1-men": "2",
        "form-1-other": "1",
        "form-2-organisation": "",
    }
    response = client.post(f"/events/manage/{activity.pk}/participants/", data)
    assert response.status_code == 302
    rows = {p.display_name: (p.women, p.men, p.other) for p in Participation.objects.all()}
    assert rows == {"KASAK": (1, 3, 0), "Inköpare": (4, 2, 1)}
    baseline = WorkforceSnapshot.objects.get(organisation=kasak)
    assert baseline.employees == Decimal(10)


def test_a_row_with_people_but_no_asf_or_group_is_refused_and_nothing_saved(
    login, support_staff, kasak
):
    activity = make_activity(days_from_now=-1)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-organisation": kasak.pk,
        "form-0-women": "1",
        "form-1-women": "3",
    }
    response = login(support_staff).post(f"/events/manage/{activity.pk}/participants/", data)
    assert "Välj det sociala företaget" in response.content.decode()
    assert not Participation.objects.exists()


def test_participation_cannot_be_recorded_before_the_activity(
    support_staff, upcoming_activity, kasak
):
    with pytest.raises(Exception, match="börjat"):
        services.record_participation(
            actor=support_staff,
            activity=upcoming_activity,
            rows=[services.ParticipationRow(kasak, "", 1, 0, 0)],
        )


def test_follow_ups_are_recorded(login, support_staff, kasak):
    activity = make_activity(days_from_now=-1)
    login(support_staff).post(
        f"/events/manage/{activity.pk}/follow-ups/",
        {"organisation": kasak.pk, "quantity": "3", "description": "nya kundkontakter"},
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.quantity, follow_up.description) == (3, "nya kundkontakter")


def test_the_asf_profile_lists_the_activities_it_took_part_in(client, kasak):
    activity = make_activity(title="Näringslivsdagarna 2017", days_from_now=-30)
    Participation.objects.create(activity=activity, organisation=kasak, women=1, men=3)
    text = client.get("/directory/kasak/").content.decode()
    assert "Aktiviteter vi deltagit i" in text
    assert "Näringslivsdagarna 2017" in text


def test_the_manage_list_queries_do_not_grow(login, support_staff, django_assert_max_num_queries):
    for i in range(12):
        make_activity(title=f"Träff {i}")
    client = login(support_staff)
    with django_assert_max_num_queries(8):
        assert client.get("/events/manage/").status_code == 200
