"""Three activities: Näringslivsdagarna 2017 in Karlskrona with five ASF (KASAK among them),
a training in 2018, and an upcoming network meeting open for registration.

Real: five ASF, KASAK among them, took part in Näringslivsdagarna in Karlskrona 2017
(Tillväxtverket). Invented and marked demo data: the dates and times, the place, which
other four ASF came, every count of people and the follow-ups.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from inkludera.accounts.models import Municipality, Organisation
from inkludera.demo.registry import DemoContext
from inkludera.support.euproject.demo import demo_project
from inkludera.support.events.models import Activity, FollowUp, Participation, Registration

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# slug, women, men
NARINGSLIVSDAGARNA = [
    ("kasak", 1, 3),
    ("cafe-kajen", 3, 1),
    ("returen", 2, 2),
    ("grona-hander", 1, 2),
    ("rent-och-fint", 3, 0),
]
TRAINING = [
    ("kasak", 1, 1),
    ("returen", 1, 0),
    ("it-aterbruket", 0, 2),
    ("tvatt-textil-olofstrom", 2, 0),
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


def seed(context: DemoContext) -> None:
    project = demo_project(context)
    coompanion = Organisation.objects.get(slug="coompanion-blekinge")
    karlskrona = Municipality.objects.get(code="1080")
    asf = {o.slug: o for o in Organisation.objects.asf()}

    days = _activity(
        "Näringslivsdagarna 2017",
        kind=Activity.Kind.BUSINESS_DAY,
        starts_at=_at(datetime.date(2017, 10, 11), 9),
        ends_at=_at(datetime.date(2017, 10, 11), 16),
        place="Konserthuset, Karlskrona",
        municipality=karlskrona,
        capacity=200,
        target_group="Företag, kommuner och andra köpare i Blekinge",
        description=(
            "Fem arbetsintegrerande sociala företag ställde ut och mötte köpare på "
            "Näringslivsdagarna i Karlskrona. (Datum, plats och siffror är demodata.)"
        ),
        registration_open=False,
        organiser=coompanion,
        project=project,
    )
    for slug, women, men in NARINGSLIVSDAGARNA:
        _registration(days, asf[slug], women + men)
        _participation(days, asf[slug], women, men)
    _participation(days, None, 4, 2, group="Kommunala inköpare och näringslivsutvecklare")
    _follow_up(days, asf["kasak"], "nya kundkontakter för biltvätt (demodata)", 3)
    _follow_up(days, asf["cafe-kajen"], "offertförfrågningar om catering (demodata)", 2)

    training = _activity(
        "Utbildning: så säljer ASF till kommunerna",
        kind=Activity.Kind.TRAINING,
        starts_at=_at(datetime.date(2018, 3, 14), 13),
        ends_at=_at(datetime.date(2018, 3, 14), 16),
        place="Kulturcentrum, Ronneby",
        municipality=Municipality.objects.get(code="1081"),
        capacity=25,
        target_group="ASF och kommunernas inköpare och handläggare",
        description="Hur kommuner kan reservera upphandlingar för ASF (LOU 4 kap. 18 §). (Demodata.)",
        registration_open=False,
        organiser=coompanion,
        project=project,
    )
    for slug, women, men in TRAINING:
        _participation(training, asf[slug], women, men)
    _participation(training, None, 3, 1, group="Handläggare från kommunerna")

    start = context.today + datetime.timedelta(days=21)
    meeting = _activity(
        "Nätverksträff för ASF i Blekinge",
        kind=Activity.Kind.NETWORK_MEETING,
        starts_at=_at(start, 13),
        ends_at=_at(start, 16),
        place="Coompanion, Ronnebygatan 10, Karlshamn",
        municipality=Municipality.objects.get(code="1082"),
        capacity=30,
        target_group="Verksamhetsledare och handledare i ASF, och de som vill starta ett",
        description="Erfarenhetsutbyte om handledning och om att sälja till kommunerna. (Demodata.)",
        registration_open=True,
        organiser=coompanion,
        project=None,
    )
    _registration(meeting, asf["cafe-kajen"], 2)
    _registration(meeting, asf["returen"], 1)
    context.log("3 activities")


def _activity(title: str, **fields: object) -> Activity:
    activity, _ = Activity.objects.get_or_create(title=title, defaults={**fields, "is_demo": True})
    return activity


def _registration(activity: Activity, organisation: Organisation, people: int) -> None:
    if Registration.objects.filter(activity=activity, organisation=organisation).exists():
        return
    Registration.objects.create(
        activity=activity,
        organisation=organisation,
        name=f"Kontaktperson, {organisation.name}",
        email=organisation.email or "info@example.com",
        people=people,
        status=Registration.Status.CONFIRMED,
        is_demo=True,
        created_at=activity.starts_at - datetime.timedelta(days=20),
    )


def _participation(
    activity: Activity, organisation: Organisation | None, women: int, men: int, group: str = ""
) -> None:
    Participation.objects.get_or_create(
        activity=activity,
        organisation=organisation,
        group_name=group,
        defaults={"women": women, "men": men, "is_demo": True},
    )


def _follow_up(activity: Activity, organisation: Organisation, text: str, quantity: int) -> None:
    FollowUp.objects.get_or_create(
        activity=activity,
        organisation=organisation,
        description=text,
        defaults={"quantity": quantity, "recorded_on": activity.starts_at.date(), "is_demo": True},
    )
