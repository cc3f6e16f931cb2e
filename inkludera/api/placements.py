"""API endpoints of the placements domain (see docs/architecture.md). Mounted at /api/placements.

The same access rules as the pages (`placements.access`): every read of a person's data
is logged, outsiders get 404, and requests without a login or token get 401.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from inkludera.accounts.access import user_of
from inkludera.accounts.models import User
from inkludera.placements import access, services
from inkludera.placements.models import Agreement, Placement
from inkludera.placements.reports import monthly_report
from inkludera.placements.retention import register_extract
from inkludera.placements.workdays import month_bounds, strict_month

router = Router(tags=["placements"])


class AgreementOut(Schema):
    id: int
    asf: str
    funder: str
    reference: str
    place_kind: str
    places: int
    pricing: str
    price: Decimal
    vat_rate: Decimal
    start_date: datetime.date
    end_date: datetime.date
    is_demo: bool


class CaseSummaryOut(Schema):
    id: int
    reference: str
    name: str
    state: str
    agreement_id: int
    referred_on: datetime.date
    start_date: datetime.date | None
    end_date: datetime.date | None


class CaseOut(CaseSummaryOut):
    personal_number: str
    phone: str
    email: str
    address: str
    requested_start: datetime.date | None
    outcome: str
    decline_reason: str
    supervisor: str | None


class SupportNeedsOut(Schema):
    text: str
    adaptations: str


class AttendanceOut(Schema):
    day: datetime.date
    status: str
    absence_reason: str
    hours: Decimal
    planned_hours: Decimal | None


class AttendanceIn(Schema):
    day: datetime.date
    status: Literal["present", "absent", ""]
    absence_reason: str = ""
    hours: Decimal | None = None


class ReferralIn(Schema):
    agreement_id: int
    name: str
    personal_number: str
    phone: str = ""
    email: str = ""
    address: str = ""
    requested_start: datetime.date | None = None
    goals: list[str] = []
    support_needs: str = ""
    join_waiting_list: bool = False


class TransitionIn(Schema):
    to: Literal["accepted", "waiting", "declined", "withdrawn", "active", "paused", "ended"]
    date: datetime.date | None = None
    reason: str = ""
    note: str = ""
    outcome: str = ""
    supervisor_id: int | None = None


class ErrorOut(Schema):
    detail: str


def _agreement_out(agreement: Agreement) -> AgreementOut:
    return AgreementOut(
        id=agreement.pk,
        asf=agreement.asf.name,
        funder=agreement.funder.name,
        reference=agreement.reference,
        place_kind=agreement.place_kind,
        places=agreement.places,
        pricing=agreement.pricing,
        price=agreement.price,
        vat_rate=agreement.vat_rate,
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        is_demo=agreement.is_demo,
    )


def _summary(p: Placement) -> dict[str, Any]:
    return {
        "id": p.pk,
        "reference": p.reference,
        "name": p.person.name,
        "state": p.state,
        "agreement_id": p.agreement_id,
        "referred_on": p.referred_on,
        "start_date": p.start_date,
        "end_date": p.end_date,
    }


def _case_out(p: Placement) -> CaseOut:
    person = p.person
    return CaseOut(
        **_summary(p),
        personal_number=person.personal_number,
        phone=person.phone,
        email=person.email,
        address=person.address,
        requested_start=p.requested_start,
        outcome=p.outcome,
        decline_reason=p.decline_reason,
        supervisor=p.supervisor.name if p.supervisor else None,
    )


def _user(request: HttpRequest) -> User:
    return user_of(request)


def _agreement(request: HttpRequest, pk: int, action: str) -> Agreement:
    agreement, _reader = access.agreement_for(request, pk, action)
    return agreement


def _month(year: int, month: int) -> datetime.date:
    try:
        return datetime.date(year, month, 1)
    except ValueError as exc:
        raise Http404 from exc


@router.get("/agreements", response=list[AgreementOut])
def list_agreements(request: HttpRequest) -> list[AgreementOut]:
    """Agreements the caller's organisations are party to (terms only, no people)."""
    user = _user(request)
    found = [
        a
        for a in Agreement.objects.select_related("asf", "funder").order_by("pk")
        if access.agreement_reader(user, a, "view") is not None
    ]
    return [_agreement_out(a) for a in found]


@router.get("/agreements/{pk}/reports/{year}/{month}")
def agreement_report(request: HttpRequest, pk: int, year: int, month: int) -> dict[str, Any]:
    """The monthly report's counts (no personal data)."""
    result = monthly_report(_agreement(request, pk, "report"), _month(year, month))
    c = result.counts
    return {
        "agreement_id": pk,
        "month": f"{result.month:%Y-%m}",
        "places": result.places,
        "people": c.people,
        "place_days": c.place_days,
        "average_occupancy": str(result.average_occupancy),
        "present_days": c.present_days,
        "absence_days": c.absence_days,
        "hours": str(c.hours),
        "starts": c.starts,
        "exits": c.exits,
        "exit_outcomes": {value: n for value, _label, n in result.exit_outcomes if n},
        "referrals": c.referrals,
        "by_sex_and_age_band": [
            {"sex": sex, "age_band": band, "people": g.people, "starts": g.starts, "exits": g.exits}
            for (sex, band), g in sorted(c.groups.items())
        ],
        "counts": dict(sorted(c.counts.items())),
    }


@router.get("/agreements/{pk}/invoice-basis/{year}/{month}")
def agreement_invoice_basis(
    request: HttpRequest, pk: int, year: int, month: int
) -> list[dict[str, Any]]:
    lines = services.invoice_lines_for(_agreement(request, pk, "report"), _month(year, month))
    return [{k: str(v) if isinstance(v, Decimal) else v for k, v in line.items()} for line in lines]


@router.get("/people", response=list[CaseSummaryOut])
def list_people(request: HttpRequest) -> list[dict[str, Any]]:
    """Cases whose record the caller may read. Each one listed is logged as a read."""
    user = _user(request)
    cases = list(
        Placement.objects.filter(access.visible_placements(user))
        .distinct()
        .select_related("person", "agreement__asf", "referring_organisation", "supervisor")
        .order_by("-referred_on", "-pk")[:500]
    )
    shown: dict[access.Reader, list[Placement]] = {}
    for placement in cases:
        reader = access.reader_for(user, placement, "record")
        if reader is not None:
            shown.setdefault(reader, []).append(placement)
    for reader, listed in shown.items():
        access.log_list_read(user, reader, listed, part="list")
    return [_summary(p) for p in cases if any(p in listed for listed in shown.values())]


@router.get("/people/{pk}", response=CaseOut)
def get_person(request: HttpRequest, pk: int) -> CaseOut:
    placement, _reader = access.placement_for(request, pk, "record")
    return _case_out(placement)


@router.get("/people/{pk}/support-needs", response=SupportNeedsOut)
def get_support_needs(request: HttpRequest, pk: int) -> SupportNeedsOut:
    placement, _reader = access.placement_for(request, pk, "support_needs")
    needs = getattr(placement, "support_needs", None)
    return SupportNeedsOut(
        text=needs.text if needs else "", adaptations=needs.adaptations if needs else ""
    )


@router.get("/people/{pk}/attendance", response=list[AttendanceOut])
def get_attendance(request: HttpRequest, pk: int, month: str) -> list[AttendanceOut]:
    """Attendance for one month, `month` as YYYY-MM."""
    placement, _reader = access.placement_for(request, pk, "attendance")
    first, last = month_bounds(strict_month(month))
    rows = placement.attendance.filter(day__range=(first, last)).order_by("day")
    return [
        AttendanceOut(
            day=a.day,
            status=a.status,
            absence_reason=a.absence_reason,
            hours=a.hours,
            planned_hours=a.planned_hours,
        )
        for a in rows
    ]


@router.put("/people/{pk}/attendance", response={200: dict[str, int]})
def put_attendance(request: HttpRequest, pk: int, days: list[AttendanceIn]) -> dict[str, int]:
    """Confirm days directly (all or none). Hours may not exceed the day's plan."""
    placement, _reader = access.placement_for(request, pk, "record_attendance", part="attendance")
    entries = [
        services.AttendanceEntry(
            placement=placement,
            day=d.day,
            status=d.status,
            absence_reason=d.absence_reason,
            hours=d.hours,
        )
        for d in days
    ]
    saved = services.record_attendance(actor=_user(request), entries=entries)
    return {"saved": saved}


@router.post("/referrals", response={201: CaseOut, 409: ErrorOut})
def create_referral(request: HttpRequest, payload: ReferralIn) -> Status[Any]:
    """A placement officer refers a person. 409 when the agreement is full (unless the
    referral asks for the waiting list)."""
    user = _user(request)
    agreement = (
        Agreement.objects.select_related("asf", "funder").filter(pk=payload.agreement_id).first()
    )
    if agreement is None or access.agreement_reader(user, agreement, "edit") is None:
        raise Http404
    if not user.has_role("placement_officer", agreement.funder):
        raise Http404
    try:
        placement = services.refer_person(
            actor=user,
            organisation=agreement.funder,
            agreement=agreement,
            person=services.PersonDetails(
                name=payload.name,
                personal_number=payload.personal_number,
                phone=payload.phone,
                email=payload.email,
                address=payload.address,
            ),
            requested_start=payload.requested_start,
            goals=payload.goals,
            support_needs=payload.support_needs,
            join_waiting_list=payload.join_waiting_list,
        )
    except services.AgreementFull as exc:
        return Status(409, ErrorOut(detail=exc.messages[0]))
    placement, _reader = access.placement_for(request, placement.pk, "record", part="referral")
    return Status(201, _case_out(placement))


def _transition(request: HttpRequest, pk: int, payload: TransitionIn) -> Placement:
    action = "withdraw" if payload.to == "withdrawn" else "decide"
    placement, reader = access.placement_for(request, pk, action, part="referral")
    supervisor = (
        User.objects.filter(pk=payload.supervisor_id).first() if payload.supervisor_id else None
    )
    return services.take_step(
        actor=_user(request),
        organisation=reader.organisation,
        placement=placement,
        to=payload.to,
        on=payload.date,
        reason=payload.reason,
        note=payload.note,
        outcome=payload.outcome,
        supervisor=supervisor,
    )


@router.post("/people/{pk}/transitions", response=CaseOut)
def create_transition(request: HttpRequest, pk: int, payload: TransitionIn) -> CaseOut:
    """Take the next step of the state machine (see docs/placements.md)."""
    return _case_out(_transition(request, pk, payload))


@router.get("/people/{pk}/extract")
def get_extract(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The register extract (GDPR art. 15) of this case, machine-readable."""
    placement, _reader = access.placement_for(request, pk, "extract", part="register_extract")
    return register_extract([placement], requested_by=_user(request))
