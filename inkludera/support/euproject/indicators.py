"""ERDF output indicators computed from the platform's own records.

Every enterprise is keyed by its organisation number, so a company helped in several ways
(an incubator venture, an activity, advice) is counted once. Each figure keeps the list of
enterprises behind it and, for each, the support records that put it there.

- CO01 enterprises receiving support: incubator ventures of the project's programmes that
  have an organisation number, ASF recorded as taking part in the project's activities,
  and enterprises given advice by the project.
- CO04 enterprises receiving non-financial support: the project gives no grants or loans,
  so every support record here is non-financial and CO04 lists the same enterprises.
- CO05 new enterprises supported: ventures registered as ASF through the incubator within
  the range.
- CO08 employment increase in supported enterprises: for each CO01 enterprise, the latest
  workforce count up to the end of the range minus the count when support started (never
  below zero per enterprise, as the EU guidance says), in full-time equivalents.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from inkludera.support.euproject.models import (
    Advice,
    Indicator,
    Project,
    WorkforceSnapshot,
)


@dataclass
class SupportRecord:
    kind: str  # "incubator", "activity", "advice"
    day: datetime.date
    label: str
    url: str = ""


@dataclass
class Enterprise:
    org_number: str
    name: str
    organisation_id: int | None = None
    supports: list[SupportRecord] = field(default_factory=list)
    established_on: datetime.date | None = None
    baseline: Decimal | None = None
    baseline_on: datetime.date | None = None
    latest: Decimal | None = None
    latest_on: datetime.date | None = None

    @property
    def first_supported_on(self) -> datetime.date:
        return min(s.day for s in self.supports)

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.supports})

    @property
    def employment_increase(self) -> Decimal | None:
        if self.baseline is None or self.latest is None:
            return None
        return max(Decimal("0"), self.latest - self.baseline)


@dataclass
class IndicatorValue:
    code: str
    label: str
    value: Decimal
    enterprises: list[Enterprise]
    target: Decimal | None = None
    unit: str = ""

    @property
    def decimals(self) -> int:
        """Enterprises are whole; employment is in full-time equivalents."""
        return 1 if self.code == Indicator.CO08 else 0

    @property
    def share_of_target(self) -> Decimal | None:
        if not self.target:
            return None
        return self.value / self.target


def _key(org_number: str) -> str:
    return "".join(ch for ch in org_number if ch.isdigit())


class _Collector:
    def __init__(self) -> None:
        self.by_number: dict[str, Enterprise] = {}

    def add(
        self, org_number: str, name: str, organisation_id: int | None, record: SupportRecord
    ) -> Enterprise:
        key = _key(org_number)
        enterprise = self.by_number.get(key)
        if enterprise is None:
            enterprise = Enterprise(org_number=key, name=name, organisation_id=organisation_id)
            self.by_number[key] = enterprise
        if enterprise.organisation_id is None and organisation_id is not None:
            enterprise.organisation_id = organisation_id
            enterprise.name = name
        enterprise.supports.append(record)
        return enterprise


def supported_enterprises(
    project: Project, start: datetime.date, end: datetime.date
) -> list[Enterprise]:
    """Unique enterprises (by organisation number) supported by the project in [start, end]."""
    collector = _Collector()
    _from_incubator(collector, project, start, end)
    _from_activities(collector, project, start, end)
    _from_advice(collector, project, start, end)
    enterprises = sorted(collector.by_number.values(), key=lambda e: e.name.lower())
    for enterprise in enterprises:
        enterprise.supports.sort(key=lambda s: (s.day, s.kind))
    _attach_workforce(project, enterprises, end)
    return enterprises


def _from_incubator(
    collector: _Collector, project: Project, start: datetime.date, end: datetime.date
) -> None:
    from inkludera.support.incubator.models import Meeting, StageChange, Venture

    ventures = list(
        Venture.objects.filter(programme__project=project)
        .with_org_number()
        .select_related("organisation")
    )
    if not ventures:
        return
    by_id = {v.pk: v for v in ventures}
    meetings = Meeting.objects.filter(
        venture_id__in=by_id, held_on__gte=start, held_on__lte=end
    ).values_list("venture_id", "held_on", "minutes")
    changes = StageChange.objects.filter(
        venture_id__in=by_id, changed_on__gte=start, changed_on__lte=end
    ).values_list("venture_id", "changed_on", "to_stage")
    for venture_id, day, minutes in meetings:
        venture = by_id[venture_id]
        _add_venture(
            collector,
            venture,
            SupportRecord(
                "incubator",
                day,
                _("Advisor meeting in the incubator (%(minutes)s min)") % {"minutes": minutes},
                reverse("incubator:venture", args=[venture.pk]),
            ),
        )
    for venture_id, day, to_stage in changes:
        venture = by_id[venture_id]
        enterprise = _add_venture(
            collector,
            venture,
            SupportRecord(
                "incubator",
                day,
                _("Incubator stage: %(stage)s") % {"stage": _stage_label(to_stage)},
                reverse("incubator:venture", args=[venture.pk]),
            ),
        )
        if to_stage == "established":
            enterprise.established_on = day


def _stage_label(stage: str) -> str:
    from inkludera.support.incubator.models import Stage

    return str(Stage(stage).label)


def _add_venture(collector: _Collector, venture: object, record: SupportRecord) -> Enterprise:
    organisation = venture.organisation  # type: ignore[attr-defined]
    if organisation is not None:
        return collector.add(organisation.org_number, organisation.name, organisation.pk, record)
    return collector.add(venture.org_number, venture.name, None, record)  # type: ignore[attr-defined]


def _from_activities(
    collector: _Collector, project: Project, start: datetime.date, end: datetime.date
) -> None:
    from inkludera.support.events.models import Participation

    rows = (
        Participation.objects.filter(
            activity__project=project,
            organisation__isnull=False,
            activity__starts_at__date__gte=start,
            activity__starts_at__date__lte=end,
        )
        .select_related("organisation", "activity")
        .order_by("activity__starts_at")
    )
    for row in rows:
        organisation = row.organisation
        assert organisation is not None
        collector.add(
            organisation.org_number,
            organisation.name,
            organisation.pk,
            SupportRecord(
                "activity",
                row.activity.starts_at.date(),
                row.activity.title,
                reverse("events:manage", args=[row.activity.pk]),
            ),
        )


def _from_advice(
    collector: _Collector, project: Project, start: datetime.date, end: datetime.date
) -> None:
    rows = Advice.objects.filter(project=project).between(start, end).select_related("organisation")
    for advice in rows:
        collector.add(
            advice.organisation.org_number,
            advice.organisation.name,
            advice.organisation.pk,
            SupportRecord(
                "advice",
                advice.given_on,
                _("Advice: %(topic)s (%(hours)s h)")
                % {"topic": advice.get_topic_display(), "hours": advice.hours},
                reverse("euproject:advice", args=[project.slug]) + f"#advice-{advice.pk}",
            ),
        )


def _attach_workforce(
    project: Project, enterprises: Iterable[Enterprise], end: datetime.date
) -> None:
    ids = [e.organisation_id for e in enterprises if e.organisation_id]
    if not ids:
        return
    snapshots = WorkforceSnapshot.objects.filter(
        project=project, organisation_id__in=ids, counted_on__lte=end
    ).order_by("counted_on", "pk")
    baseline: dict[int, WorkforceSnapshot] = {}
    latest: dict[int, WorkforceSnapshot] = {}
    for snapshot in snapshots:
        if snapshot.kind == WorkforceSnapshot.Kind.BASELINE:
            baseline[snapshot.organisation_id] = snapshot
        latest[snapshot.organisation_id] = snapshot
    for enterprise in enterprises:
        if enterprise.organisation_id is None:
            continue
        if enterprise.organisation_id in baseline:
            first = baseline[enterprise.organisation_id]
            enterprise.baseline, enterprise.baseline_on = first.employees, first.counted_on
        if enterprise.organisation_id in latest:
            last = latest[enterprise.organisation_id]
            enterprise.latest, enterprise.latest_on = last.employees, last.counted_on


def compute(
    project: Project, start: datetime.date, end: datetime.date
) -> dict[str, IndicatorValue]:
    """CO01, CO04, CO05 and CO08 for [start, end], each with the enterprises behind it."""
    enterprises = supported_enterprises(project, start, end)
    targets = {t.indicator: t.target for t in project.targets.all()}
    new = [e for e in enterprises if e.established_on is not None]
    with_increase = [e for e in enterprises if e.employment_increase is not None]
    increase = sum((e.employment_increase or Decimal("0") for e in with_increase), Decimal("0"))
    values = {
        Indicator.CO01: (Decimal(len(enterprises)), enterprises, _("enterprises")),
        Indicator.CO04: (Decimal(len(enterprises)), enterprises, _("enterprises")),
        Indicator.CO05: (Decimal(len(new)), new, _("enterprises")),
        Indicator.CO08: (increase, enterprises, _("full-time equivalents")),
    }
    return {
        code.value: IndicatorValue(
            code=code.value,
            label=str(code.label),
            value=value,
            enterprises=listed,
            target=targets.get(code.value),
            unit=str(unit),
        )
        for code, (value, listed, unit) in values.items()
    }


def supported_organisation_ids(project: Project, end: datetime.date) -> list[int]:
    """Directory organisations supported from the project's start to `end` (for snapshots)."""
    return [
        e.organisation_id
        for e in supported_enterprises(project, project.starts_on, end)
        if e.organisation_id is not None
    ]
