"""The demo EU project "Social inkludering och tillväxt i Blekinge" (ERDF).

Real: the name, the period 2015-09-01 – 2018-12-31, the 12,390,906 SEK granted from the
ERDF and Coompanion Blekinge as the one running it. Invented and marked demo data: the
budget split, the costs, staff time, co-financiers and their payments, advice sessions,
workforce counts, targets and the three reporting periods' texts.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from inkludera.accounts.models import Membership, Organisation, Role, User
from inkludera.demo.registry import DEMO_PASSWORD, DemoContext
from inkludera.support.euproject.models import (
    Advice,
    BudgetLine,
    CoFinancier,
    CoFinancingPayment,
    Cost,
    CostCategory,
    IndicatorTarget,
    Project,
    ProjectStaff,
    ReportingPeriod,
    TimeEntry,
    WorkforceSnapshot,
    WorkPackage,
)

SLUG = "social-inkludering-blekinge"
START = datetime.date(2015, 9, 1)
END = datetime.date(2018, 12, 31)
HOURLY = Decimal("409")  # Tillväxtverket's standard hourly rate incl. on-costs (2019)

# Support staff besides stod@coompanion.example: an advisor who logs in, and three
# colleagues who only appear in the time log (no usable password).
ADVISOR = ("radgivare@coompanion.example", "Johan Ek")
COLLEAGUES = [
    ("lina.berg@coompanion.example", "Lina Berg", "Rådgivare"),
    ("omar.haddad@coompanion.example", "Omar Haddad", "Rådgivare"),
    ("sara.lind@coompanion.example", "Sara Lind", "Kommunikatör"),
]

WORK_PACKAGES = [
    ("Inkubatorn Blinken", "Idéer till nya ASF från ansökan till start."),
    ("Näringslivsdagar och nätverk", "ASF möter köpare: näringslivsdagar, nätverksträffar."),
    ("Rådgivning till befintliga ASF", "Ekonomi, marknadsföring, upphandling, organisation."),
    ("Kommunala policyer och arbetsgrupper", "Stöd till kommunernas ASF-policyer."),
    ("Projektledning och administration", "Styrgrupp, ekonomi, rapportering."),
]

BUDGET = {
    "staff_hours": Decimal("36000"),
    CostCategory.EXTERNAL_SERVICES: Decimal("5800000"),
    CostCategory.TRAVEL: Decimal("850000"),
    CostCategory.INVESTMENTS: Decimal("1199212"),
}

CO_FINANCIERS = [
    ("Region Blekinge", CoFinancier.Kind.PUBLIC, Decimal("6000000")),
    ("Karlskrona kommun", CoFinancier.Kind.PUBLIC, Decimal("2500000")),
    ("Ronneby kommun", CoFinancier.Kind.PUBLIC, Decimal("1000000")),
    ("Karlshamns kommun", CoFinancier.Kind.PUBLIC, Decimal("1000000")),
    ("Sölvesborgs kommun", CoFinancier.Kind.PUBLIC, Decimal("600000")),
    ("Olofströms kommun", CoFinancier.Kind.PUBLIC, Decimal("500000")),
    ("Coompanion Blekinge", CoFinancier.Kind.OWN, Decimal("790906")),
]

PERIODS = [
    (
        datetime.date(2017, 1, 1),
        datetime.date(2017, 6, 30),
        datetime.date(2017, 8, 15),
        "Inkubatorn Blinken tog emot nya idéer; Cykelverkstan gick in i startfasen. Rådgivning "
        "om ekonomi och upphandling till befintliga ASF. (Demodata.)",
    ),
    (
        datetime.date(2017, 7, 1),
        datetime.date(2017, 12, 31),
        datetime.date(2018, 2, 10),
        "Näringslivsdagarna i Karlskrona: fem ASF ställde ut och mötte köpare, lika många "
        "kvinnor som män deltog. Arbetsgruppen i Karlskrona följde upp kommunens policy. "
        "(Demodata.)",
    ),
    (
        datetime.date(2018, 1, 1),
        datetime.date(2018, 6, 30),
        None,
        "Utbildning om reserverade upphandlingar för ASF och kommunernas handläggare. "
        "Cykelverkstan registrerades som ASF. (Demodata.)",
    ),
]

# slug, day, hours, topic, notes
ADVICE = [
    (
        "kasak",
        datetime.date(2016, 3, 10),
        "3",
        "finance",
        "Likviditetsplan och prissättning av biltvätt.",
    ),
    (
        "cafe-kajen",
        datetime.date(2016, 6, 1),
        "2",
        "marketing",
        "Cateringmeny till kommunens möten.",
    ),
    ("kasak", datetime.date(2016, 10, 5), "2", "marketing", "Erbjudande till privatkunder."),
    ("returen", datetime.date(2017, 2, 14), "2.5", "organisation", "Styrelsearbete och stadgar."),
    (
        "kasak",
        datetime.date(2017, 5, 2),
        "3",
        "procurement",
        "Reserverade kontrakt, avtalet om leasingbilar.",
    ),
    (
        "grona-hander",
        datetime.date(2017, 9, 20),
        "2",
        "finance",
        "Finansiering av ny åkgräsklippare.",
    ),
    (
        "it-aterbruket",
        datetime.date(2018, 2, 7),
        "3",
        "procurement",
        "Anbud på IT-återvinning åt regionen.",
    ),
    (
        "tvatt-textil-olofstrom",
        datetime.date(2018, 4, 11),
        "2",
        "work_integration",
        "Handledarstöd.",
    ),
    (
        "olofstroms-fastighetsservice",
        datetime.date(2018, 5, 15),
        "1.5",
        "finance",
        "Budget för snöröjning.",
    ),
]

# slug: [(day, kind, employees)]: invented counts
WORKFORCE = {
    "kasak": [
        ("2016-03-10", "baseline", 6),
        ("2017-06-30", "follow_up", 8),
        ("2017-12-31", "follow_up", 10),
        ("2018-06-30", "follow_up", 11),
    ],
    "cafe-kajen": [
        ("2016-06-01", "baseline", 3),
        ("2017-12-31", "follow_up", 4),
        ("2018-06-30", "follow_up", 4),
    ],
    "returen": [
        ("2017-02-14", "baseline", 2),
        ("2017-12-31", "follow_up", 3),
        ("2018-06-30", "follow_up", 3),
    ],
    "grona-hander": [
        ("2017-09-20", "baseline", 5),
        ("2017-12-31", "follow_up", 5),
        ("2018-06-30", "follow_up", 6),
    ],
    "rent-och-fint": [
        ("2017-10-11", "baseline", 6),
        ("2017-12-31", "follow_up", 6),
        ("2018-06-30", "follow_up", 7),
    ],
    "it-aterbruket": [("2018-02-07", "baseline", 4), ("2018-06-30", "follow_up", 5)],
    "tvatt-textil-olofstrom": [("2018-03-14", "baseline", 3), ("2018-06-30", "follow_up", 4)],
    "olofstroms-fastighetsservice": [("2018-05-15", "baseline", 6), ("2018-06-30", "follow_up", 6)],
    "cykelverkstan": [("2018-03-20", "baseline", 0), ("2018-06-30", "follow_up", 2)],
}

TARGETS = {"CO01": 20, "CO04": 20, "CO05": 4, "CO08": 15}


def demo_project(context: DemoContext) -> Project:
    """The project itself (other demo modules link to it, so it may be made first)."""
    coompanion = Organisation.objects.get(slug="coompanion-blekinge")
    project, _ = Project.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Social inkludering och tillväxt i Blekinge",
            "programme": "Regionala utvecklingsfonden, Skåne-Blekinge 2014–2020",
            "programme_area": "Entreprenörskap och företagande (demodata)",
            "beneficiary": coompanion,
            "starts_on": START,
            "ends_on": END,
            "granted_erdf": Decimal("12390906"),
            "indirect_rate": Decimal("15"),
            "is_demo": True,
        },
    )
    return project


def demo_user(email: str, name: str, *, can_log_in: bool) -> User:
    """A Coompanion colleague; only those who can log in get the demo password."""
    user = User.objects.filter(email=email).first()
    if user is None:
        password = make_password(DEMO_PASSWORD if can_log_in else None)
        user = User.objects.create(email=email, name=name, password=password)
    Membership.objects.get_or_create(
        user=user,
        organisation=Organisation.objects.get(slug="coompanion-blekinge"),
        role=Role.SUPPORT_STAFF,
    )
    return user


def seed(context: DemoContext) -> None:
    project = demo_project(context)
    lead = User.objects.get(email="stod@coompanion.example")
    if project.lead_id is None:
        project.lead = lead
        project.save(update_fields=["lead"])
    advisor = demo_user(*ADVISOR, can_log_in=True)
    context.logins.append((Role.SUPPORT_STAFF.value, ADVISOR[0], "Rådgivare – coompanion-blekinge"))
    staff = [_staff(project, lead, "Projektledare"), _staff(project, advisor, "Rådgivare")]
    staff += [
        _staff(project, demo_user(email, name, can_log_in=False), title)
        for email, name, title in COLLEAGUES
    ]
    packages = [
        WorkPackage.objects.get_or_create(
            project=project,
            name=name,
            defaults={"description": text, "starts_on": START, "ends_on": END},
        )[0]
        for name, text in WORK_PACKAGES
    ]
    _budget(project)
    _targets(project)
    _periods(project)
    _time(project, staff, packages)
    _costs(project)
    _co_financing(project)
    _advice(project, advisor)
    _workforce(project)
    context.log(f"EU project with {project.periods.count()} periods, {project.costs.count()} costs")


def _staff(project: Project, user: User, title: str) -> ProjectStaff:
    return ProjectStaff.objects.get_or_create(
        project=project, user=user, defaults={"title": title, "hourly_cost": HOURLY}
    )[0]


def _budget(project: Project) -> None:
    staff = BUDGET["staff_hours"] * HOURLY
    lines = {
        CostCategory.STAFF: {
            "hours": BUDGET["staff_hours"],
            "hourly_cost": HOURLY,
            "amount": staff,
        },
        CostCategory.EXTERNAL_SERVICES: {"amount": BUDGET[CostCategory.EXTERNAL_SERVICES]},
        CostCategory.TRAVEL: {"amount": BUDGET[CostCategory.TRAVEL]},
        CostCategory.INVESTMENTS: {"amount": BUDGET[CostCategory.INVESTMENTS]},
        CostCategory.INDIRECT: {"amount": staff * project.indirect_rate / 100},
    }
    for category, values in lines.items():
        BudgetLine.objects.get_or_create(project=project, category=category, defaults=values)


def _targets(project: Project) -> None:
    for code, target in TARGETS.items():
        IndicatorTarget.objects.get_or_create(
            project=project, indicator=code, defaults={"target": Decimal(target)}
        )


def _periods(project: Project) -> None:
    for number, (start, end, submitted, narrative) in enumerate(PERIODS, start=1):
        ReportingPeriod.objects.get_or_create(
            project=project,
            number=number,
            defaults={
                "starts_on": start,
                "ends_on": end,
                "submitted_on": submitted,
                "narrative": narrative,
            },
        )


def _months() -> list[datetime.date]:
    months, day = [], START
    while day <= END:
        months.append(day)
        day = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def _time(project: Project, staff: list[ProjectStaff], packages: list[WorkPackage]) -> None:
    """One summed entry per person and month (invented)."""
    if TimeEntry.objects.filter(staff__project=project, is_demo=True).exists():
        return
    rows = []
    main = [4, 0, 2, 1, 3]  # each person's main project activity
    for month in _months():
        for i, member in enumerate(staff):
            hours = Decimal(120 + (month.month * 7 + i * 13) % 50)
            rows.append(
                TimeEntry(
                    staff=member,
                    work_package=packages[main[i]],
                    worked_on=datetime.date(month.year, month.month, 28),
                    hours=hours,
                    hourly_cost=member.hourly_cost,
                    note="Månadssumma (demodata)",
                    is_demo=True,
                )
            )
    TimeEntry.objects.bulk_create(rows)


def _costs(project: Project) -> None:
    if Cost.objects.filter(project=project, is_demo=True).exists():
        return
    rows = []
    for n, month in enumerate(_months()):
        stamp = f"{month:%Y%m}"
        rows.append(
            _cost(
                project,
                month,
                12,
                CostCategory.EXTERNAL_SERVICES,
                "Reklambyrån i Blekinge AB",
                "Kommunikation och trycksaker",
                Decimal(95000 + (n * 3700) % 40000),
                f"D{stamp}-1",
            )
        )
        rows.append(
            _cost(
                project,
                month,
                18,
                CostCategory.TRAVEL,
                "Resebyrån Syd",
                "Resor till ASF i länet",
                Decimal(14000 + (n * 900) % 9000),
                f"D{stamp}-2",
            )
        )
        if n % 6 == 2:
            rows.append(
                _cost(
                    project,
                    month,
                    22,
                    CostCategory.INVESTMENTS,
                    "Kontorsmöbler Karlskrona",
                    "Utrustning till inkubatorns lokaler",
                    Decimal(140000),
                    f"D{stamp}-3",
                )
            )
    Cost.objects.bulk_create(rows)


def _cost(project: Project, month: datetime.date, day: int, category: str, supplier: str,
          description: str, amount: Decimal, voucher: str) -> Cost:  # fmt: skip
    return Cost(
        project=project,
        category=category,
        incurred_on=datetime.date(month.year, month.month, day),
        supplier=supplier,
        description=f"{description} (demodata)",
        amount=amount,
        voucher=voucher,
        is_demo=True,
    )


def _co_financing(project: Project) -> None:
    halves = [datetime.date(y, m, 15) for y in (2016, 2017, 2018) for m in (1, 7)] + [
        datetime.date(2019, 1, 15)
    ]
    for name, kind, committed in CO_FINANCIERS:
        financier, _ = CoFinancier.objects.get_or_create(
            project=project, name=name, defaults={"kind": kind, "committed": committed}
        )
        if financier.payments.exists():
            continue
        share = (committed / len(halves)).quantize(Decimal("1"))
        CoFinancingPayment.objects.bulk_create(
            CoFinancingPayment(financier=financier, paid_on=day, amount=share, is_demo=True)
            for day in halves[:-1]
        )


def _advice(project: Project, advisor: User) -> None:
    for slug, day, hours, topic, notes in ADVICE:
        organisation = Organisation.objects.get(slug=slug)
        Advice.objects.get_or_create(
            project=project,
            organisation=organisation,
            given_on=day,
            defaults={
                "hours": Decimal(hours),
                "topic": topic,
                "notes": f"{notes} (demodata)",
                "advisor": advisor,
                "is_demo": True,
            },
        )


def _workforce(project: Project) -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=WORKFORCE)}
    for slug, counts in WORKFORCE.items():
        for day, kind, employees in counts:
            values = {
                "employees": Decimal(employees),
                "source": "Demodata (påhittad siffra)",
                "is_demo": True,
            }
            key = {"project": project, "organisation": organisations[slug], "kind": kind}
            if kind == WorkforceSnapshot.Kind.BASELINE:  # one per project and enterprise
                values["counted_on"] = datetime.date.fromisoformat(day)
            else:
                key["counted_on"] = datetime.date.fromisoformat(day)
            WorkforceSnapshot.objects.get_or_create(**key, defaults=values)
