"""KASAK's planning: 30 people with their own capacity, four tasks, three wash bays, a week
of jobs entered by hand, and a planned and published current week.

The employee and supervisor logins of the Blekinge demo are people in the plan, so
"my week" shows a published week. The participants on places (from the placements demo,
which runs first) are planned too, at the capacity of their individual plans.
Idempotent: what exists is kept.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from inkludera.accounts.models import Organisation, User
from inkludera.demo.registry import DemoContext
from inkludera.planning import services
from inkludera.planning.models import (
    Absence,
    Availability,
    CapacityProfile,
    CapacityStep,
    Job,
    Plan,
    PlanningSettings,
    Resource,
    Skill,
    Task,
    Worker,
)
from inkludera.planning.weeks import monday_of

# The same tasks and bays as KASAK's price list (inkludera/directory/demo.py), so customers'
# bookings of a wash become jobs that share the bays with the hand-entered work.
TASKS = [
    ("exterior_wash", "Utvändig tvätt", 30, "🚗"),
    ("interior_clean", "Invändig rengöring", 45, "🧽"),
    ("polish", "Polering", 60, "✨"),
    ("full_recond", "Helrekond", 180, "🔧"),
]
BAYS = [("wash-bays", "Tvätthallar", 3), ("recond-bay", "Rekondhallen", 1)]
# The day's flexible work, drawn from this mix: one in ten is a full reconditioning, about
# four a day for a hall that takes three, so a few are left out with their reason.
MIX = ["exterior_wash"] * 3 + ["interior_clean"] * 4 + ["polish"] * 2 + ["full_recond"]

# (name, kind, percent now, percent later or None, needs supervision, login email)
PEOPLE = [
    ("Fatima Ali", Worker.Kind.SUPERVISOR, 100, None, False, "handledare@kasak.example"),
    ("Göran Blom", Worker.Kind.SUPERVISOR, 100, None, False, None),
    ("Maria Sjöberg", Worker.Kind.SUPERVISOR, 75, None, False, None),
    ("Erik Nilsson", Worker.Kind.EMPLOYEE, 75, 100, False, "anstalld@kasak.example"),
    ("Sanna Lind", Worker.Kind.EMPLOYEE, 100, None, False, None),
    ("Ahmed Hassan", Worker.Kind.EMPLOYEE, 50, 75, False, None),
    ("Lotta Berg", Worker.Kind.EMPLOYEE, 75, None, False, None),
    ("Peter Ek", Worker.Kind.EMPLOYEE, 50, None, True, None),
    ("Nina Holm", Worker.Kind.EMPLOYEE, 100, None, False, None),
    ("Omar Yusuf", Worker.Kind.EMPLOYEE, 50, None, False, None),
    ("Karin Dahl", Worker.Kind.EMPLOYEE, 60, None, True, None),
    ("Jonas Åberg", Worker.Kind.EMPLOYEE, 80, None, False, None),
    ("Linnea Falk", Worker.Kind.EMPLOYEE, 50, None, False, None),
]
PARTICIPANTS = [
    "Ali R",
    "Birgitta S",
    "Carl J",
    "Dana M",
    "Elif K",
    "Filip N",
    "Greta O",
    "Hamid T",
    "Ida P",
    "Jamal W",
    "Kim L",
    "Leo A",
    "Mona B",
    "Nils C",
    "Olga D",
    "Pontus E",
    "Rasha F",
]
HOURS = [(7, 16), (8, 16), (8, 12), (9, 15), (10, 14), (12, 16)]


def seed(context: DemoContext) -> None:
    kasak = Organisation.objects.filter(slug="kasak").first()
    if kasak is None:
        return
    PlanningSettings.objects.get_or_create(asf=kasak, defaults={"supervision_ratio": 4})
    tasks = _tasks(kasak)
    bays = _bays(kasak)
    rng = random.Random(4)
    this_monday = monday_of(context.today)
    people = CapacityProfile.objects.of_asf(kasak).count()
    if not people:  # once: later runs keep the people (and leave later arrivals alone)
        people = _people(kasak, tasks, rng, context.today)
    for monday in (this_monday, this_monday + datetime.timedelta(days=7)):
        if not Job.objects.for_week(kasak, monday).exists():
            _jobs(kasak, monday, tasks, bays, rng)
    if not Plan.objects.for_week(kasak, this_monday).published().exists():
        plan = services.solve_week(
            asf=kasak, week_start=this_monday, actor=None, seconds=3.0, is_demo=True
        )
        services.publish_plan(actor=None, plan=plan)
    context.log(f"planning: {people} people at KASAK, a published week and next week's jobs")


def _tasks(kasak: Organisation) -> dict[str, Task]:
    found = {}
    for key, name, minutes, icon in TASKS:
        found[key], _created = Task.objects.get_or_create(
            asf=kasak, key=key, defaults={"name": name, "standard_minutes": minutes, "icon": icon}
        )
    return found


def _bays(kasak: Organisation) -> list[Resource]:
    return [
        Resource.objects.get_or_create(
            asf=kasak, key=key, defaults={"name": name, "capacity": capacity}
        )[0]
        for key, name, capacity in BAYS
    ]


def _people(
    kasak: Organisation, tasks: dict[str, Task], rng: random.Random, today: datetime.date
) -> int:
    rows = list(PEOPLE)
    existing = list(Worker.objects.of_asf(kasak).active().filter(profile__isnull=True))
    named = {r[0] for r in rows}
    for worker in existing:
        if worker.name not in named and len(rows) < 30:
            rows.append((worker.name, worker.kind, 50, None, True, None))
    for name in PARTICIPANTS:
        if len(rows) >= 30:
            break
        percent = rng.choice([25, 25, 50, 50, 75])
        later = percent + 25 if rng.random() < 0.4 else None
        rows.append((name, Worker.Kind.PARTICIPANT, percent, later, rng.random() < 0.8, None))
    for index, row in enumerate(rows):
        _person(kasak, tasks, rng, today, index, *row)
    _follow_individual_plans(kasak)
    return len(rows)


def _follow_individual_plans(kasak: Organisation) -> None:
    """Participants on places work at the capacity of their individual plan's step-ups,
    as they do when a place starts in the app."""
    from inkludera.placements.models import Placement  # placements builds on planning
    from inkludera.placements.services import steps_to_planning

    placements = Placement.objects.filter(
        agreement__asf=kasak, worker__is_active=True, worker__profile__isnull=False
    ).select_related("worker")
    for placement in placements:
        steps_to_planning(placement)


def _person(
    kasak: Organisation,
    tasks: dict[str, Task],
    rng: random.Random,
    today: datetime.date,
    index: int,
    name: str,
    kind: str,
    percent: int,
    later: int | None,
    needs_supervision: bool,
    email: str | None,
) -> None:
    worker = Worker.objects.filter(asf=kasak, name=name).first()
    if worker is None:
        worker = Worker.objects.create(asf=kasak, name=name, kind=kind, is_demo=True)
    if email and worker.user_id is None:
        worker.user = User.objects.filter(email=email).first()
        worker.save(update_fields=["user"])
    if CapacityProfile.objects.filter(worker=worker).exists():
        return
    profile = CapacityProfile.objects.create(
        worker=worker,
        needs_supervision=needs_supervision,
        daily_max_minutes=480 if percent >= 75 else rng.choice([240, 300, 360]),
        max_continuous_minutes=240
        if kind != Worker.Kind.PARTICIPANT
        else rng.choice([60, 90, 120]),
        break_minutes=15 if kind != Worker.Kind.PARTICIPANT else rng.choice([15, 30]),
    )
    CapacityStep.objects.create(
        profile=profile, from_date=today - datetime.timedelta(days=120), weekly_minutes=percent * 24
    )
    if later:
        CapacityStep.objects.create(
            profile=profile,
            from_date=_first_of_next_quarter(today),
            weekly_minutes=min(100, later) * 24,
        )
    start, end = (7, 16) if percent >= 75 or email else rng.choice(HOURS)
    days = range(5) if percent >= 50 or email else sorted(rng.sample(range(5), 3))
    for day in days:
        Availability.objects.create(
            profile=profile, weekday=day, start=datetime.time(start), end=datetime.time(end)
        )
    if kind == Worker.Kind.SUPERVISOR or email:
        skills = {key: Decimal("1") for key in tasks}
    else:
        keys = rng.sample(list(tasks), rng.randint(1, 3))
        skills = {k: Decimal(rng.choice(["0.5", "0.75", "1"])) for k in keys}
    skills.setdefault("exterior_wash", Decimal("1"))
    for key, pace in skills.items():
        Skill.objects.create(profile=profile, task=tasks[key], pace=pace)
    if index % 11 == 7:
        monday = monday_of(today)
        Absence.objects.create(
            profile=profile,
            start_date=monday + datetime.timedelta(days=1),
            end_date=monday + datetime.timedelta(days=2),
            reason=Absence.Reason.SICK if index % 2 else Absence.Reason.LEAVE,
        )


def _first_of_next_quarter(today: datetime.date) -> datetime.date:
    month = (today.month - 1) // 3 * 3 + 4
    year = today.year + (month > 12)
    return datetime.date(year, (month - 1) % 12 + 1, 1)


def _at(day: datetime.date, hour: float) -> datetime.datetime:
    minutes = int(hour * 60)
    naive = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    return timezone.make_aware(naive)


def _jobs(
    kasak: Organisation,
    monday: datetime.date,
    tasks: dict[str, Task],
    bays: list[Resource],
    rng: random.Random,
) -> None:
    """About 200 jobs of flexible work within the day (customers' bookings come as jobs of
    their own, from the bookings demo, through planning's job sources)."""
    rows = []
    wash_bays, recond_bay = bays
    for offset in range(5):
        day = monday + datetime.timedelta(days=offset)
        for _n in range(40):  # flexible work
            key = rng.choice(MIX)
            bay = wash_bays if key in {"exterior_wash", "polish"} else None
            bay = recond_bay if key == "full_recond" else bay
            rows.append((key, bay, day, 7, 16, rng.choice([5, 8, 10, 12]), False))
    Job.objects.bulk_create(
        Job(
            asf=kasak,
            week_start=monday,
            task=tasks[key],
            resource=bay,
            earliest=_at(day, start),
            latest_end=_at(day, end),
            value=value,
            mandatory=mandatory,
            title="Kundbokning" if mandatory else "",
            is_demo=True,
        )
        for key, bay, day, start, end, value, mandatory in rows
    )
