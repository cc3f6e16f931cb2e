"""API endpoints of the support domain (see docs/architecture.md). Mounted at /api/support.

Public: activities, municipal policies (public documents) and the incubator application.
Support staff: incubator ventures and the EU project's indicators with the enterprises
behind each figure. Objects are fetched through the support apps' access rules.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from inkludera.accounts.access import require_support_staff
from inkludera.accounts.models import Municipality
from inkludera.support.euproject import access as project_access
from inkludera.support.euproject import indicators
from inkludera.support.events import access as event_access
from inkludera.support.events import services as event_services
from inkludera.support.events.models import Activity
from inkludera.support.incubator import services as incubator_services
from inkludera.support.incubator.forms import CONSENT_LABEL
from inkludera.support.incubator.models import SILENCE_DAYS, Programme, Venture
from inkludera.support.policies.models import MunicipalPolicy

router = Router(tags=["support"])


# --- activities ------------------------------------------------------------------------


class ActivityOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    target_group: str
    capacity: int
    places_left: int
    registration_open: bool
    calendar_url: str
    is_demo: bool


def _activity_out(activity: Activity, taken: int) -> ActivityOut:
    return ActivityOut(
        id=activity.pk,
        title=activity.title,
        kind=activity.kind,
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        place=activity.place,
        target_group=activity.target_group,
        capacity=activity.capacity,
        places_left=max(0, activity.capacity - taken),
        registration_open=activity.accepts_registrations(),
        calendar_url=f"/events/{activity.pk}/calendar.ics",
        is_demo=activity.is_demo,
    )


@router.get("/events", response=list[ActivityOut], auth=None)
def list_events(request: HttpRequest) -> list[ActivityOut]:
    """Coming published activities, soonest first."""
    activities = Activity.objects.published().upcoming().with_counts().order_by("starts_at")
    return [_activity_out(a, a.places_taken) for a in activities]  # type: ignore[attr-defined]


@router.get("/events/{activity_id}", response=ActivityOut, auth=None)
def get_event(request: HttpRequest, activity_id: int) -> ActivityOut:
    activity = event_access.activity_for_public(request, activity_id)
    return _activity_out(activity, event_services.places_taken(activity))


# --- municipal policies ------------------------------------------------------------------


class PolicyOut(Schema):
    municipality_code: str
    municipality: str
    version: int
    valid_from: datetime.date
    title: str
    summary: str
    direct_procurement_limit: Decimal
    social_services_limit: Decimal
    documentation_threshold: Decimal
    reserves_contracts: bool
    reserved_areas: str
    places_agreements: str
    commitments: str
    contact_name: str
    contact_email: str
    change_note: str
    is_demo: bool


def _policy_out(policy: MunicipalPolicy) -> PolicyOut:
    return PolicyOut(
        municipality_code=policy.municipality.code,
        municipality=policy.municipality.name,
        version=policy.version,
        valid_from=policy.valid_from,
        title=policy.title,
        summary=policy.summary,
        direct_procurement_limit=policy.direct_procurement_limit,
        social_services_limit=policy.social_services_limit,
        documentation_threshold=policy.documentation_threshold,
        reserves_contracts=policy.reserves_contracts,
        reserved_areas=policy.reserved_areas,
        places_agreements=policy.places_agreements,
        commitments=policy.commitments,
        contact_name=policy.contact_name,
        contact_email=policy.contact_email,
        change_note=policy.change_note,
        is_demo=policy.is_demo,
    )


@router.get("/policies/{code}", response=PolicyOut, auth=None)
def policy_in_force(request: HttpRequest, code: str, day: datetime.date | None = None) -> PolicyOut:
    """The municipality's policy in force on `day` (today if not given)."""
    municipality = get_object_or_404(Municipality, code=code)
    policy = MunicipalPolicy.objects.in_force(municipality, day or timezone.localdate())
    if policy is None:
        raise Http404
    return _policy_out(policy)


@router.get("/policies/{code}/versions", response=list[PolicyOut], auth=None)
def policy_versions(request: HttpRequest, code: str) -> list[PolicyOut]:
    municipality = get_object_or_404(Municipality, code=code)
    versions = MunicipalPolicy.objects.for_municipality(municipality).select_related("municipality")
    return [_policy_out(p) for p in versions.order_by("version")]


# --- the incubator -----------------------------------------------------------------------


class ApplicationIn(Schema):
    name: str
    idea: str
    target_group: str
    municipality_code: str
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    consent: bool


class ApplicationOut(Schema):
    id: int
    stage: str
    applied_on: datetime.date


@router.post("/incubator/applications", response={201: ApplicationOut}, auth=None)
def apply(request: HttpRequest, payload: ApplicationIn) -> Status[ApplicationOut]:
    """Apply to the incubator (e.g. from another website). Consent is required."""
    programme = Programme.objects.open_for_applications().first()
    if programme is None:
        raise ValidationError(_("This programme does not take applications now."))
    municipality = Municipality.objects.filter(code=payload.municipality_code).first()
    if municipality is None:
        raise ValidationError(
            {"municipality_code": [_("There is no municipality with that code.")]}
        )
    venture = incubator_services.apply(
        programme=programme,
        municipality=municipality,
        consent_text=str(CONSENT_LABEL),
        **payload.dict(exclude={"municipality_code"}),
    )
    return Status(
        201, ApplicationOut(id=venture.pk, stage=venture.stage, applied_on=venture.applied_on)
    )


class VentureOut(Schema):
    id: int
    name: str
    programme: str
    stage: str
    municipality_code: str
    advisor: str
    applied_on: datetime.date
    days_in_stage: int
    last_activity_on: datetime.date
    silent: bool
    org_number: str
    organisation_slug: str | None


@router.get("/incubator/ventures", response=list[VentureOut])
def list_ventures(request: HttpRequest, stage: str = "") -> list[VentureOut]:
    """Support staff: every venture, with days in stage and the 30-day silence flag."""
    require_support_staff(request)
    today = timezone.localdate()
    ventures = Venture.objects.with_activity().for_board().order_by("-applied_on")
    if stage:
        ventures = ventures.filter(stage=stage)
    return [
        VentureOut(
            id=v.pk,
            name=v.name,
            programme=v.programme.name,
            stage=v.stage,
            municipality_code=v.municipality.code,
            advisor=v.advisor.name if v.advisor else "",
            applied_on=v.applied_on,
            days_in_stage=v.days_in_stage(today),
            last_activity_on=v.last_activity_on,  # type: ignore[attr-defined]
            silent=v.is_open and (today - v.last_activity_on).days > SILENCE_DAYS,  # type: ignore[attr-defined]
            org_number=v.org_number,
            organisation_slug=v.organisation.slug if v.organisation else None,
        )
        for v in ventures
    ]


# --- EU project indicators -----------------------------------------------------------------


class SupportOut(Schema):
    kind: str
    day: datetime.date
    label: str


class EnterpriseOut(Schema):
    org_number: str
    name: str
    supports: list[SupportOut]
    established_on: datetime.date | None
    employees_at_start: Decimal | None
    employees_latest: Decimal | None
    employment_increase: Decimal | None


class IndicatorOut(Schema):
    code: str
    label: str
    value: Decimal
    target: Decimal | None
    enterprises: list[str]


class IndicatorsOut(Schema):
    project: str
    start: datetime.date
    end: datetime.date
    indicators: list[IndicatorOut]
    enterprises: list[EnterpriseOut]


@router.get("/projects/{slug}/indicators", response=IndicatorsOut)
def project_indicators(request: HttpRequest, slug: str, period: int | None = None) -> IndicatorsOut:
    """CO01, CO04, CO05, CO08 from the project's start to today or to a period's end,
    with the enterprises (by organisation number) behind each figure."""
    project = project_access.project_for_staff(request, slug)
    end = min(timezone.localdate(), project.ends_on)
    if period is not None:
        end = get_object_or_404(project.periods, number=period).ends_on
    values = indicators.compute(project, project.starts_on, end)
    co01 = values["CO01"].enterprises
    return IndicatorsOut(
        project=project.slug,
        start=project.starts_on,
        end=end,
        indicators=[
            IndicatorOut(
                code=v.code,
                label=v.label,
                value=v.value,
                target=v.target,
                enterprises=[e.org_number for e in v.enterprises],
            )
            for v in values.values()
        ],
        enterprises=[
            EnterpriseOut(
                org_number=e.org_number,
                name=e.name,
                supports=[SupportOut(kind=s.kind, day=s.day, label=s.label) for s in e.supports],
                established_on=e.established_on,
                employees_at_start=e.baseline,
                employees_latest=e.latest,
                employment_increase=e.employment_increase,
            )
            for e in co01
        ],
    )
