"""Writes on agreements and people's cases: keyword-only, typed, validated, atomic.

Every function checks its input and either writes everything or nothing. Messages name
the field they belong to (a ValidationError with an error dict), in Swedish by default.
Audit entries and emails name a case by its reference (#12), never by the person.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, Role, User
from inkludera.core.crypto import lookup_hash
from inkludera.core.identifiers import (
    birth_date_from_personal_number,
    clean_personal_number,
    sex_from_personal_number,
)
from inkludera.core.services import record_audit
from inkludera.placements import attendance_sources
from inkludera.placements.models import (
    AbsenceReason,
    Agreement,
    Attendance,
    CapacityStep,
    Consent,
    DeclineReason,
    FollowUpMeeting,
    Goal,
    IndividualPlan,
    Outcome,
    OutcomeFollowUp,
    Participant,
    PauseReason,
    Placement,
    PlacementTransition,
    Pricing,
    State,
    SupportNeeds,
    age_band_for,
)
from inkludera.placements.states import ASF, FUNDER, OCCUPYING, STARTED, side_for
from inkludera.placements.workdays import add_months, is_working_day, month_bounds
from inkludera.planning.models import Worker

FUNDER_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.BUYER)


class AgreementFull(ValidationError):
    """Every place is taken: the referral can go to the waiting list instead."""


def _today() -> datetime.date:
    return timezone.localdate()


def _d(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _touch(placement: Placement) -> None:
    """A new entry in the case: the retention period starts again from today."""
    placement.last_entry_on = max(placement.last_entry_on, _today())


# --- agreements ---------------------------------------------------------------------


def _check_agreement(agreement: Agreement) -> None:
    errors: dict[str, list[str]] = {}
    if agreement.asf.kind != Organisation.Kind.ASF:
        errors.setdefault("asf", []).append(_("Choose a social enterprise."))
    if agreement.funder.kind not in FUNDER_KINDS:
        errors.setdefault("funder", []).append(_("Choose a municipality or another funder."))
    if agreement.start_date and agreement.end_date and agreement.end_date < agreement.start_date:
        errors.setdefault("end_date", []).append(_("The end date is before the start date."))
    if agreement.vat_rate is not None and Decimal(str(agreement.vat_rate)) == 0:
        if not agreement.vat_exemption_reason.strip():
            errors.setdefault("vat_exemption_reason", []).append(
                _("Say why the places are exempt from VAT, or choose a VAT rate.")
            )
    elif agreement.vat_exemption_reason:
        agreement.vat_exemption_reason = ""
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_agreement(
    *, actor: User, asf: Organisation, funder: Organisation, data: dict[str, Any]
) -> Agreement:
    agreement = Agreement(asf=asf, funder=funder, created_by=actor, **data)
    _check_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    record_audit(actor=actor, subject=agreement, action="agreement.created")
    return agreement


@transaction.atomic
def update_agreement(*, actor: User, agreement: Agreement, data: dict[str, Any]) -> Agreement:
    """Change the terms. Dates move only by extending or ending, except a later start."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    for field, value in data.items():
        setattr(agreement, field, value)
    _check_agreement(agreement)
    taken = agreement.placements.filter(state__in=OCCUPYING).count()
    if agreement.places < taken:
        raise ValidationError(
            {
                "places": _(
                    "%(taken)s places are taken or promised; the agreement cannot have fewer."
                )
                % {"taken": taken}
            }
        )
    first_start = (
        agreement.placements.filter(state__in=OCCUPYING | STARTED, start_date__isnull=False)
        .order_by("start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    if first_start and agreement.start_date > first_start:
        raise ValidationError(
            {
                "start_date": _("A place under this agreement starts %(day)s, before that date.")
                % {"day": _d(first_start)}
            }
        )
    agreement.full_clean()
    agreement.save()
    record_audit(actor=actor, subject=agreement, action="agreement.updated")
    return agreement


@transaction.atomic
def extend_agreement(*, actor: User, agreement: Agreement, end_date: datetime.date) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if end_date <= agreement.end_date:
        raise ValidationError(
            {
                "end_date": _("An extension ends after the current end date, %(day)s.")
                % {"day": _d(agreement.end_date)}
            }
        )
    old = agreement.end_date
    agreement.end_date = end_date
    agreement.ended_early_on = None
    agreement.end_reason = ""
    agreement.save(update_fields=["end_date", "ended_early_on", "end_reason"])
    record_audit(
        actor=actor,
        subject=agreement,
        action="agreement.extended",
        data={"from": old.isoformat(), "to": end_date.isoformat()},
    )
    return agreement


@transaction.atomic
def end_agreement(
    *, actor: User, agreement: Agreement, end_date: datetime.date, reason: str
) -> Agreement:
    """End before the agreed date. Every person's case must be closed by then."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if end_date < agreement.start_date:
        raise ValidationError(
            {
                "end_date": _("The end date is before the agreement's start, %(day)s.")
                % {"day": _d(agreement.start_date)}
            }
        )
    if end_date >= agreement.end_date:
        raise ValidationError(
            {
                "end_date": _("To end early, choose a day before %(day)s.")
                % {"day": _d(agreement.end_date)}
            }
        )
    still_open = agreement.placements.open().count()
    ending_later = agreement.placements.filter(state=State.ENDED, end_date__gt=end_date).count()
    if still_open or ending_later:
        raise ValidationError(
            {
                "end_date": _(
                    "%(count)s people still have an open case or a place after this date. "
                    "End, decline or withdraw them first."
                )
                % {"count": still_open + ending_later}
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the agreement ends early.")})
    agreement.end_date = end_date
    agreement.ended_early_on = end_date
    agreement.end_reason = reason.strip()
    agreement.save(update_fields=["end_date", "ended_early_on", "end_reason"])
    record_audit(actor=actor, subject=agreement, action="agreement.ended")
    return agreement


def places_taken(agreement: Agreement, *, exclude: Placement | None = None) -> int:
    """Places taken or promised now: accepted, active and paused cases."""
    taken = agreement.placements.filter(state__in=OCCUPYING)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    return taken.count()


# --- referral ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonDetails:
    name: str
    personal_number: str
    phone: str = ""
    email: str = ""
    address: str = ""


def _clean_person(details: PersonDetails) -> tuple[PersonDetails, str]:
    try:
        number = clean_personal_number(details.personal_number)
    except ValidationError as exc:
        raise ValidationError({"personal_number": exc.messages}) from exc
    if not details.name.strip():
        raise ValidationError({"name": _("Write the person's name.")})
    cleaned = PersonDetails(
        name=" ".join(details.name.split()),
        personal_number=number,
        phone=details.phone.strip(),
        email=details.email.strip(),
        address=details.address.strip(),
    )
    return cleaned, lookup_hash(number)


def _facts(number: str, on: datetime.date) -> dict[str, str]:
    return {
        "sex": sex_from_personal_number(number),
        "age_band": age_band_for(birth_date_from_personal_number(number), on),
    }


def _open_case(
    agreement: Agreement, key: str, exclude: Placement | None = None
) -> Placement | None:
    cases = agreement.placements.open().filter(person_key=key)
    if exclude is not None:
        cases = cases.exclude(pk=exclude.pk)
    return cases.first()


@transaction.atomic
def refer_person(
    *,
    actor: User,
    organisation: Organisation,
    agreement: Agreement,
    person: PersonDetails,
    requested_start: datetime.date | None = None,
    goals: Sequence[str] = (),
    support_needs: str = "",
    join_waiting_list: bool = False,
) -> Placement:
    """A placement officer refers a person to an agreement (anvisning).

    Raises AgreementFull when every place is taken and `join_waiting_list` is false: the
    officer is warned and may refer to the waiting list instead.
    """
    if agreement.funder_id != organisation.pk or not actor.has_role(
        Role.PLACEMENT_OFFICER, organisation
    ):
        raise ValidationError({"agreement": _("Choose one of your organisation's agreements.")})
    person, key = _clean_person(person)
    today = _today()
    day = requested_start or today
    field = "requested_start" if requested_start else "agreement"
    if requested_start and requested_start < today:
        raise ValidationError({"requested_start": _("The requested start has already passed.")})
    if day > agreement.end_date:
        raise ValidationError(
            {field: _("The agreement ends %(day)s.") % {"day": _d(agreement.end_date)}}
        )
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    existing = _open_case(agreement, key)
    if existing is not None:
        raise ValidationError(
            {
                "personal_number": _(
                    "This person already has an open case under this agreement (%(ref)s)."
                )
                % {"ref": existing.reference}
            }
        )
    full = places_taken(agreement) >= agreement.places
    if full and not join_waiting_list:
        raise AgreementFull(
            _(
                "All %(places)s places under this agreement are taken. You can refer the "
                "person to the waiting list: the social enterprise offers a place when one "
                "becomes free."
            )
            % {"places": agreement.places}
        )
    placement = Placement(
        agreement=agreement,
        referring_organisation=organisation,
        referred_by=actor,
        referred_on=today,
        person_key=key,
        requested_start=requested_start,
        last_entry_on=today,
        is_demo=agreement.is_demo,
        **_facts(person.personal_number, max(day, agreement.start_date)),
    )
    placement.full_clean()
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"personal_number": _("This person already has an open case under this agreement.")}
        ) from exc
    Participant.objects.create(
        placement=placement,
        name=person.name,
        personal_number=person.personal_number,
        phone=person.phone,
        email=person.email,
        address=person.address,
    )
    if support_needs.strip():
        SupportNeeds.objects.create(
            placement=placement, text=support_needs.strip(), updated_by=actor
        )
    plan = IndividualPlan.objects.create(placement=placement)
    Goal.objects.bulk_create([Goal(plan=plan, text=text.strip()) for text in goals if text.strip()])
    _log_step(placement, "", State.REFERRED, actor=actor, organisation=organisation, on=today)
    if full:
        _step(
            placement,
            State.WAITING,
            actor=actor,
            organisation=organisation,
            on=today,
            reason="agreement_full",
            system=True,
        )
    _notify_asf(placement, _("A new referral to %(asf)s"))
    return placement


# --- the state machine --------------------------------------------------------------------


def _side(placement: Placement, actor: User, organisation: Organisation) -> str:
    """Which side the actor acts for, checked against their roles there."""
    if organisation.pk == placement.agreement.asf_id and actor.has_role(
        Role.ASF_MANAGER, organisation
    ):
        return ASF
    if organisation.pk == placement.referring_organisation_id and actor.has_role(
        Role.PLACEMENT_OFFICER, organisation
    ):
        return FUNDER
    raise ValidationError(_("You cannot take this step for this organisation."))


def _log_step(
    placement: Placement,
    from_state: str,
    to_state: str,
    *,
    actor: User,
    organisation: Organisation,
    on: datetime.date,
    reason: str = "",
    note: str = "",
) -> PlacementTransition:
    transition = PlacementTransition.objects.create(
        placement=placement,
        from_state=from_state,
        to_state=to_state,
        effective_on=on,
        reason=reason,
        note=note.strip(),
        actor=actor,
        actor_organisation=organisation,
    )
    record_audit(
        actor=actor,
        subject=placement,
        action=f"placement.{to_state}",
        organisation=organisation,
        message=f"{placement.reference}: {from_state or '-'} → {to_state}",
        data={"reason": reason, "effective_on": on.isoformat()},
    )
    return transition


def _step(
    placement: Placement,
    to_state: str,
    *,
    actor: User,
    organisation: Organisation,
    on: datetime.date,
    reason: str = "",
    note: str = "",
    system: bool = False,
) -> PlacementTransition:
    """Take one step of the state machine (states.TRANSITIONS), or refuse it."""
    side = side_for(placement.state, to_state)
    if side is None:
        raise ValidationError(
            _("A case that is “%(state)s” cannot become “%(to)s”.")
            % {"state": State(placement.state).label, "to": State(to_state).label}
        )
    if not system and _side(placement, actor, organisation) != side:
        raise ValidationError(_("This step is taken by the other side."))
    from_state = placement.state
    placement.state = to_state
    _touch(placement)
    placement.full_clean()
    placement.save()
    return _log_step(
        placement,
        from_state,
        to_state,
        actor=actor,
        organisation=organisation,
        on=on,
        reason=reason,
        note=note,
    )


def _locked(placement: Placement) -> Placement:
    """The case, locked with its agreement (capacity and overlap checks stay true)."""
    Agreement.objects.select_for_update().get(pk=placement.agreement_id)
    fresh = Placement.objects.select_for_update().get(pk=placement.pk)
    fresh.agreement = placement.agreement
    fresh.referring_organisation = placement.referring_organisation
    return fresh


def _check_in_agreement(agreement: Agreement, day: datetime.date, field: str) -> None:
    if not agreement.is_in_force(day):
        raise ValidationError(
            {
                field: _("The day is outside the agreement's period (%(start)s – %(end)s).")
                % {"start": _d(agreement.start_date), "end": _d(agreement.end_date)}
            }
        )


def _check_no_overlap(placement: Placement, start: datetime.date, field: str) -> None:
    """One person holds at most one place at a time under one agreement."""
    earlier = (
        Placement.objects.filter(
            agreement=placement.agreement_id, person_key=placement.person_key, state=State.ENDED
        )
        .exclude(pk=placement.pk)
        .filter(end_date__gte=start)
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            {
                field: _(
                    "This person already had a place under this agreement until %(day)s "
                    "(%(ref)s). The new place can start the day after at the earliest."
                )
                % {"day": _d(earlier.end_date), "ref": earlier.reference}  # type: ignore[arg-type]
            }
        )


def _check_supervisor(placement: Placement, supervisor: User | None) -> None:
    if supervisor is not None and not supervisor.has_role(Role.SUPERVISOR, placement.agreement.asf):
        raise ValidationError({"supervisor": _("Choose one of the enterprise's supervisors.")})


def _recompute_facts(placement: Placement, on: datetime.date) -> None:
    number = placement.person.personal_number
    placement.age_band = age_band_for(birth_date_from_personal_number(number), on)


@transaction.atomic
def accept_referral(
    *,
    actor: User,
    organisation: Organisation,
    placement: Placement,
    start_date: datetime.date,
    supervisor: User | None,
    note: str = "",
) -> Placement:
    placement = _locked(placement)
    _check_in_agreement(placement.agreement, start_date, "start_date")
    if start_date < placement.referred_on:
        raise ValidationError(
            {
                "start_date": _("The start is before the referral, %(day)s.")
                % {"day": _d(placement.referred_on)}
            }
        )
    if places_taken(placement.agreement, exclude=placement) >= placement.agreement.places:
        raise ValidationError(
            _(
                "All %(places)s places are taken. Put the person on the waiting list, or end "
                "another place first."
            )
            % {"places": placement.agreement.places}
        )
    _check_no_overlap(placement, start_date, "start_date")
    _check_supervisor(placement, supervisor)
    placement.start_date = start_date
    placement.supervisor = supervisor
    _recompute_facts(placement, start_date)
    _step(placement, State.ACCEPTED, actor=actor, organisation=organisation, on=_today(), note=note)
    _notify_funder(placement, _("Referral %(ref)s was accepted"))
    return placement


@transaction.atomic
def put_on_waiting_list(
    *, actor: User, organisation: Organisation, placement: Placement, note: str = ""
) -> Placement:
    placement = _locked(placement)
    _step(placement, State.WAITING, actor=actor, organisation=organisation, on=_today(), note=note)
    _notify_funder(placement, _("Referral %(ref)s is on the waiting list"))
    return placement


@transaction.atomic
def decline_referral(
    *,
    actor: User,
    organisation: Organisation,
    placement: Placement,
    reason: str,
    note: str = "",
) -> Placement:
    if reason not in DeclineReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Describe the reason when you choose “Other”.")})
    placement = _locked(placement)
    placement.decline_reason = reason
    placement.declined_on = _today()
    _step(
        placement,
        State.DECLINED,
        actor=actor,
        organisation=organisation,
        on=_today(),
        reason=reason,
        note=note,
    )
    _notify_funder(placement, _("Referral %(ref)s was declined"))
    return placement


@transaction.atomic
def withdraw_referral(
    *, actor: User, organisation: Organisation, placement: Placement, note: str = ""
) -> Placement:
    placement = _locked(placement)
    _step(
        placement, State.WITHDRAWN, actor=actor, organisation=organisation, on=_today(), note=note
    )
    _notify_asf(placement, _("Referral %(ref)s was withdrawn"))
    return placement


@transaction.atomic
def start_placement(
    *, actor: User, organisation: Organisation, placement: Placement, start_date: datetime.date
) -> Placement:
    """The person has come: the place is active, and the person appears in planning."""
    placement = _locked(placement)
    if start_date > _today():
        raise ValidationError({"start_date": _("Mark the start on the day or after it.")})
    if start_date < placement.referred_on:
        raise ValidationError(
            {
                "start_date": _("The start is before the referral, %(day)s.")
                % {"day": _d(placement.referred_on)}
            }
        )
    _check_in_agreement(placement.agreement, start_date, "start_date")
    _check_no_overlap(placement, start_date, "start_date")
    placement.start_date = start_date
    _recompute_facts(placement, start_date)
    if placement.worker_id is None:
        placement.worker = Worker.objects.create(
            asf=placement.agreement.asf,
            name=placement.person.short_name,
            kind=Worker.Kind.PARTICIPANT,
            is_demo=placement.is_demo,
        )
    else:
        Worker.objects.filter(pk=placement.worker_id).update(is_active=True)
    steps_to_planning(placement)
    _step(placement, State.ACTIVE, actor=actor, organisation=organisation, on=start_date)
    return placement


@transaction.atomic
def pause_placement(
    *,
    actor: User,
    organisation: Organisation,
    placement: Placement,
    from_date: datetime.date,
    reason: str,
    note: str = "",
) -> Placement:
    if reason not in PauseReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    placement = _locked(placement)
    if placement.start_date and from_date < placement.start_date:
        raise ValidationError(
            {
                "from_date": _("The pause cannot begin before the start, %(day)s.")
                % {"day": _d(placement.start_date)}
            }
        )
    if placement.attendance.filter(day__gte=from_date, status=Attendance.Status.PRESENT).exists():
        raise ValidationError(
            {"from_date": _("The person was present on or after this day. Check the date.")}
        )
    placement.paused_since = from_date
    placement.pause_reason = reason
    _step(
        placement,
        State.PAUSED,
        actor=actor,
        organisation=organisation,
        on=from_date,
        reason=reason,
        note=note,
    )
    return placement


@transaction.atomic
def resume_placement(
    *, actor: User, organisation: Organisation, placement: Placement, on: datetime.date
) -> Placement:
    placement = _locked(placement)
    if placement.paused_since and on < placement.paused_since:
        raise ValidationError(
            {
                "on": _("The person cannot come back before the pause began, %(day)s.")
                % {"day": _d(placement.paused_since)}
            }
        )
    _step(placement, State.ACTIVE, actor=actor, organisation=organisation, on=on)
    placement.paused_since = None
    placement.pause_reason = ""
    placement.save(update_fields=["paused_since", "pause_reason"])
    return placement


@transaction.atomic
def end_placement(
    *,
    actor: User,
    organisation: Organisation,
    placement: Placement,
    end_date: datetime.date,
    outcome: str,
    note: str = "",
) -> Placement:
    """The exit, with its outcome. The person leaves the ASF's planning."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose where the person goes.")})
    placement = _locked(placement)
    if placement.start_date and end_date < placement.start_date:
        raise ValidationError(
            {
                "end_date": _("The exit date is before the start date, %(day)s.")
                % {"day": _d(placement.start_date)}
            }
        )
    if end_date > placement.agreement.end_date:
        raise ValidationError(
            {
                "end_date": _("The agreement ends %(day)s; choose that day or earlier.")
                % {"day": _d(placement.agreement.end_date)}
            }
        )
    if placement.attendance.filter(day__gt=end_date).exists():
        raise ValidationError(
            {"end_date": _("Attendance is recorded after this day. Check the date.")}
        )
    placement.end_date = end_date
    placement.outcome = outcome
    placement.paused_since = None
    if placement.worker_id:
        Worker.objects.filter(pk=placement.worker_id).update(is_active=False)
    _step(
        placement,
        State.ENDED,
        actor=actor,
        organisation=organisation,
        on=end_date,
        reason=outcome,
        note=note,
    )
    _notify_funder(placement, _("Placement %(ref)s has ended"))
    return placement


@transaction.atomic
def assign_supervisor(*, actor: User, placement: Placement, supervisor: User | None) -> Placement:
    _check_supervisor(placement, supervisor)
    placement.supervisor = supervisor
    _touch(placement)
    placement.save(update_fields=["supervisor", "last_entry_on"])
    record_audit(actor=actor, subject=placement, action="placement.supervisor")
    return placement


def take_step(
    *,
    actor: User,
    organisation: Organisation,
    placement: Placement,
    to: str,
    on: datetime.date | None = None,
    reason: str = "",
    note: str = "",
    outcome: str = "",
    supervisor: User | None = None,
) -> Placement:
    """One entry point for every step (the API): dispatches to the step's own service."""
    common: dict[str, Any] = {"actor": actor, "organisation": organisation, "placement": placement}
    if to == State.WAITING:
        return put_on_waiting_list(**common, note=note)
    if to == State.DECLINED:
        return decline_referral(**common, reason=reason, note=note)
    if to == State.WITHDRAWN:
        return withdraw_referral(**common, note=note)
    if on is None:
        raise ValidationError({"date": _("Give the date of the step.")})
    if to == State.ACCEPTED:
        return accept_referral(**common, start_date=on, supervisor=supervisor, note=note)
    if to == State.ACTIVE and placement.state == State.ACCEPTED:
        return start_placement(**common, start_date=on)
    if to == State.ACTIVE:
        return resume_placement(**common, on=on)
    if to == State.PAUSED:
        return pause_placement(**common, from_date=on, reason=reason, note=note)
    if to == State.ENDED:
        return end_placement(**common, end_date=on, outcome=outcome, note=note)
    raise ValidationError({"to": _("There is no such step.")})


# --- the person's details --------------------------------------------------------------


@transaction.atomic
def update_person(*, actor: User, placement: Placement, person: PersonDetails) -> Placement:
    person, key = _clean_person(person)
    placement = _locked(placement)
    if key != placement.person_key:
        if placement.is_open and _open_case(placement.agreement, key, exclude=placement):
            raise ValidationError(
                {
                    "personal_number": _(
                        "Another open case under this agreement has this personal identity number."
                    )
                }
            )
        placement.person_key = key
        facts = _facts(person.personal_number, placement.start_date or placement.referred_on)
        placement.sex, placement.age_band = facts["sex"], facts["age_band"]
    _touch(placement)
    placement.save()
    participant = placement.person
    participant.name = person.name
    participant.personal_number = person.personal_number
    participant.phone = person.phone
    participant.email = person.email
    participant.address = person.address
    participant.save()
    if placement.worker_id:
        Worker.objects.filter(pk=placement.worker_id).update(name=participant.short_name)
    record_audit(actor=actor, subject=placement, action="placement.person_updated")
    return placement


@transaction.atomic
def update_support_needs(
    *, actor: User, placement: Placement, text: str, adaptations: str
) -> SupportNeeds:
    needs, _created = SupportNeeds.objects.get_or_create(placement=placement)
    needs.text = text.strip()
    needs.adaptations = adaptations.strip()
    needs.updated_by = actor
    needs.save()
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    record_audit(actor=actor, subject=placement, action="placement.support_needs_updated")
    return needs


# --- the individual plan ------------------------------------------------------------------


def _plan(placement: Placement) -> IndividualPlan:
    plan, _created = IndividualPlan.objects.get_or_create(placement=placement)
    return plan


@transaction.atomic
def save_plan(
    *, actor: User, placement: Placement, summary: str, full_day_hours: Decimal
) -> IndividualPlan:
    plan = _plan(placement)
    plan.summary = summary.strip()
    plan.full_day_hours = full_day_hours
    plan.full_clean()
    plan.save()
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    record_audit(actor=actor, subject=placement, action="placement.plan_updated")
    return plan


@transaction.atomic
def add_goal(
    *, actor: User, placement: Placement, text: str, target_date: datetime.date | None
) -> Goal:
    if not text.strip():
        raise ValidationError({"text": _("Write the goal.")})
    if target_date and placement.start_date and target_date < placement.start_date:
        raise ValidationError(
            {
                "target_date": _("The date is before the start, %(day)s.")
                % {"day": _d(placement.start_date)}
            }
        )
    goal = Goal.objects.create(plan=_plan(placement), text=text.strip(), target_date=target_date)
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    return goal


@transaction.atomic
def set_goal_status(*, actor: User, placement: Placement, goal: Goal, status: str) -> Goal:
    if goal.plan.placement_id != placement.pk:
        raise ValidationError(_("The goal belongs to another plan."))
    if status not in Goal.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    goal.status = status
    goal.achieved_on = _today() if status == Goal.Status.ACHIEVED else None
    goal.save(update_fields=["status", "achieved_on"])
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    return goal


@transaction.atomic
def add_capacity_step(
    *, actor: User, placement: Placement, from_date: datetime.date, percent: int
) -> CapacityStep:
    """From `from_date` the person works `percent` % of full time (planning reads this)."""
    start = placement.start_date
    if start and from_date < start:
        raise ValidationError(
            {"from_date": _("A step cannot begin before the start, %(day)s.") % {"day": _d(start)}}
        )
    if placement.end_date and from_date > placement.end_date:
        raise ValidationError({"from_date": _("The day is after the exit.")})
    plan = _plan(placement)
    step, _created = CapacityStep.objects.update_or_create(
        plan=plan, from_date=from_date, defaults={"percent": percent}
    )
    step.full_clean()
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    steps_to_planning(placement)
    record_audit(
        actor=actor,
        subject=placement,
        action="placement.capacity_step",
        data={"from": from_date.isoformat(), "percent": percent},
    )
    return step


@transaction.atomic
def remove_capacity_step(*, actor: User, placement: Placement, step: CapacityStep) -> None:
    if step.plan.placement_id != placement.pk:
        raise ValidationError(_("The step belongs to another plan."))
    step.delete()
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    steps_to_planning(placement)


def steps_to_planning(placement: Placement) -> None:
    """The person's capacity profile in planning follows the individual plan's step-ups."""
    from inkludera.planning.services import sync_capacity_steps

    if placement.worker_id is not None:
        steps = capacity_steps(placement)
        if steps:
            sync_capacity_steps(worker=placement.worker, steps=steps)  # type: ignore[arg-type]


def capacity_steps(placement: Placement) -> list[tuple[datetime.date, int]]:
    """The person's step-ups as (from date, % of full time): what planning's profile reads."""
    return list(
        CapacityStep.objects.filter(plan__placement=placement).values_list("from_date", "percent")
    )


@transaction.atomic
def record_meeting(
    *,
    actor: User,
    organisation: Organisation,
    placement: Placement,
    held_on: datetime.date,
    notes: str,
    next_meeting_on: datetime.date | None = None,
) -> FollowUpMeeting:
    errors: dict[str, str] = {}
    if held_on > _today():
        errors["held_on"] = _("Record a meeting once it has been held.")
    if placement.start_date is None and held_on < placement.referred_on:
        errors["held_on"] = _("The meeting is before the referral.")
    if next_meeting_on and next_meeting_on < held_on:
        errors["next_meeting_on"] = _("The next meeting is before this one.")
    if not notes.strip():
        errors["notes"] = _("Write what was said and agreed.")
    if errors:
        raise ValidationError(errors)
    meeting = FollowUpMeeting.objects.create(
        placement=placement,
        held_on=held_on,
        notes=notes.strip(),
        next_meeting_on=next_meeting_on,
        recorded_by=actor,
        recorded_by_organisation=organisation,
    )
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    return meeting


# --- attendance -------------------------------------------------------------------------------


def day_plans(
    placements: Sequence[Placement], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date], Decimal]:
    """Each person's planned hours per day: the published plan where it says something,
    else the individual plan (share of full time on working days)."""
    workers = [p.worker for p in placements if p.worker is not None]
    published = attendance_sources.planned_hours(workers=workers, start=start, end=end)
    steps: dict[int, list[tuple[datetime.date, int]]] = {}
    for step in CapacityStep.objects.filter(plan__placement__in=placements).order_by("from_date"):
        steps.setdefault(step.plan.placement_id, []).append((step.from_date, step.percent))
    full_days = dict(
        IndividualPlan.objects.filter(placement__in=placements).values_list(
            "placement_id", "full_day_hours"
        )
    )
    result: dict[tuple[int, datetime.date], Decimal] = {}
    day = start
    while day <= end:
        working = is_working_day(day)
        for p in placements:
            if p.worker_id and (p.worker_id, day) in published:
                result[(p.pk, day)] = published[(p.worker_id, day)]
                continue
            percent = next((pc for d, pc in reversed(steps.get(p.pk, [])) if d <= day), 100)
            full = full_days.get(p.pk, Decimal("8.00"))
            hours = (full * percent / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
            result[(p.pk, day)] = hours if working else Decimal("0")
        day += datetime.timedelta(days=1)
    return result


@dataclass(frozen=True)
class AttendanceEntry:
    """One cell of the week: status "" clears the day, "present" needs hours, "absent" a
    reason."""

    placement: Placement
    day: datetime.date
    status: str
    absence_reason: str = ""
    hours: Decimal | None = None


def cell_key(placement_id: int, day: datetime.date) -> str:
    return f"{placement_id}:{day.isoformat()}"


def _entry_error(entry: AttendanceEntry, plan: Decimal) -> str | None:
    p, today = entry.placement, _today()
    if entry.day > today:
        return _("Attendance is confirmed on the day or after it.")
    if p.state not in STARTED or p.start_date is None or entry.day < p.start_date:
        return _("The day is before the person's start.")
    if p.end_date and entry.day > p.end_date:
        return _("The day is after the person's exit.")
    if p.paused_since and entry.day >= p.paused_since and entry.status == "present":
        return _("The person has been on a pause since %(day)s.") % {"day": _d(p.paused_since)}
    if entry.status == Attendance.Status.PRESENT:
        if entry.hours is None or entry.hours <= 0:
            return _("Write the hours the person was here.")
        if entry.hours > plan:
            return _("%(hours)s h is more than the day's plan (%(plan)s h).") % {
                "hours": _hours(entry.hours),
                "plan": _hours(plan),
            }
    if entry.status == Attendance.Status.ABSENT:
        if entry.absence_reason not in AbsenceReason.values:
            return _("Choose the reason for the absence.")
        if entry.hours:
            return _("An absent day has no hours.")
    return None


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


@transaction.atomic
def record_attendance(*, actor: User, entries: Sequence[AttendanceEntry]) -> int:
    """Confirm a set of days (a week, or single days): all of them, or none.

    Hours may not exceed the day's plan. Raises a ValidationError keyed by `cell_key`.
    """
    if not entries:
        return 0
    placements = list({e.placement.pk: e.placement for e in entries}.values())
    days = [e.day for e in entries]
    plans = day_plans(placements, min(days), max(days))
    errors = {}
    for entry in entries:
        message = _entry_error(entry, plans.get((entry.placement.pk, entry.day), Decimal("0")))
        if message:
            errors[cell_key(entry.placement.pk, entry.day)] = message
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    written = 0
    for entry in entries:
        p = entry.placement
        if not entry.status:
            Attendance.objects.filter(placement=p, day=entry.day).delete()
            continue
        present = entry.status == Attendance.Status.PRESENT
        Attendance.objects.update_or_create(
            placement=p,
            day=entry.day,
            defaults={
                "agreement_id": p.agreement_id,
                "status": entry.status,
                "absence_reason": "" if present else entry.absence_reason,
                "hours": (entry.hours or Decimal("0")) if present else Decimal("0"),
                "planned_hours": plans.get((p.pk, entry.day)),
                "confirmed_by": actor,
                "confirmed_at": now,
            },
        )
        written += 1
    today = _today()
    Placement.objects.filter(pk__in=[p.pk for p in placements], last_entry_on__lt=today).update(
        last_entry_on=today
    )
    return written


# --- outcomes and consent -----------------------------------------------------------------


def follow_up_due(placement: Placement, months: int) -> datetime.date | None:
    if placement.end_date is None:
        return None
    return add_months(placement.end_date, months)


@transaction.atomic
def record_follow_up(
    *, actor: User, placement: Placement, months: int, outcome: str
) -> OutcomeFollowUp:
    """Where the person is 6 or 12 months after the exit (from a month before it is due)."""
    if placement.state != State.ENDED or placement.end_date is None:
        raise ValidationError(_("Follow-ups are recorded after the exit."))
    if months not in (6, 12):
        raise ValidationError({"months": _("Follow up after 6 or 12 months.")})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose where the person is.")})
    due = add_months(placement.end_date, months)
    if _today() < due - datetime.timedelta(days=30):
        raise ValidationError(
            {
                "outcome": _("The follow-up after %(months)s months can be recorded from %(day)s.")
                % {"months": months, "day": _d(due - datetime.timedelta(days=30))}
            }
        )
    follow_up, _created = OutcomeFollowUp.objects.update_or_create(
        placement=placement,
        months=months,
        defaults={"outcome": outcome, "recorded_on": _today(), "recorded_by": actor},
    )
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    record_audit(
        actor=actor,
        subject=placement,
        action="placement.follow_up",
        data={"months": months, "outcome": outcome},
    )
    return follow_up


@transaction.atomic
def record_consent(
    *,
    actor: User,
    placement: Placement,
    organisation: Organisation,
    purpose: str,
    method: str,
    given_on: datetime.date,
) -> Consent:
    if organisation.kind != Organisation.Kind.SUPPORT:
        raise ValidationError({"organisation": _("Choose a support organisation.")})
    if given_on > _today():
        raise ValidationError({"given_on": _("Consent is recorded once it has been given.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say what the consent is for.")})
    consent = Consent(
        placement=placement,
        organisation=organisation,
        purpose=purpose.strip(),
        method=method,
        given_on=given_on,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    record_audit(actor=actor, subject=placement, action="placement.consent_recorded")
    return consent


@transaction.atomic
def withdraw_consent(*, actor: User, placement: Placement, consent: Consent) -> Consent:
    if consent.placement_id != placement.pk:
        raise ValidationError(_("The consent belongs to another case."))
    consent.withdrawn_on = _today()
    consent.save(update_fields=["withdrawn_on"])
    _touch(placement)
    placement.save(update_fields=["last_entry_on"])
    record_audit(actor=actor, subject=placement, action="placement.consent_withdrawn")
    return consent


# --- invoice basis (the invoicing app issues the invoice) -----------------------------------


UNIT_PLACE_MONTH = "MON"  # UN/ECE Rec 20: month
UNIT_DAY = "DAY"


def invoice_lines_for(agreement: Agreement, month: datetime.date) -> list[dict[str, Any]]:
    """The invoice basis for one agreement and month, as invoice lines.

    Each line is a dict with description, quantity, unit, unit_price, vat_rate and
    vat_exemption_reason: the fields of `invoicing.services.InvoiceLineInput`. Quantities
    come from the records: agreed places (pro rata for days in force), occupied place-days,
    or present days.
    """
    from inkludera.placements.reports import live_month_counts

    first, last = month_bounds(month)
    days = (last - first).days + 1
    in_force_from, in_force_to = max(first, agreement.start_date), min(last, agreement.end_date)
    if in_force_to < in_force_from:
        return []
    period = f"{_d(in_force_from)} – {_d(in_force_to)}"
    kind = agreement.get_place_kind_display()
    line: dict[str, Any] = {
        "unit_price": agreement.price,
        "vat_rate": agreement.vat_rate,
        "vat_exemption_reason": agreement.vat_exemption_reason,
    }
    if agreement.pricing == Pricing.PER_PRESENT_DAY:
        counts = live_month_counts(agreement, first)
        quantity = Decimal(counts.present_days)
        description = _("%(kind)s: present days, %(period)s") % {"kind": kind, "period": period}
        unit = UNIT_DAY
    elif agreement.pricing == Pricing.PER_OCCUPIED_PLACE_MONTH:
        counts = live_month_counts(agreement, first)
        quantity = (Decimal(counts.place_days) / days).quantize(Decimal("0.01"), ROUND_HALF_UP)
        description = _("%(kind)s: occupied places (place-days / days in month), %(period)s") % {
            "kind": kind,
            "period": period,
        }
        unit = UNIT_PLACE_MONTH
    else:
        share = Decimal((in_force_to - in_force_from).days + 1) / days
        quantity = (agreement.places * share).quantize(Decimal("0.01"), ROUND_HALF_UP)
        description = _("%(kind)s: %(places)s agreed places, %(period)s") % {
            "kind": kind,
            "places": agreement.places,
            "period": period,
        }
        unit = UNIT_PLACE_MONTH
    if quantity == 0:
        return []
    return [{**line, "description": description, "quantity": quantity, "unit": unit}]


# --- notifications (no personal data in mail) -----------------------------------------------


def _send(recipients: list[str], subject: str, placement: Placement) -> None:
    if not recipients:
        return
    url = settings.SITE_URL.rstrip("/") + reverse("placements:record", args=[placement.pk])
    body = _(
        "%(subject)s.\n\nLog in to Inkludera to read the case: %(url)s\n\n"
        "For the person's privacy this message holds no personal data."
    ) % {"subject": subject, "url": url}
    transaction.on_commit(
        lambda: send_mail(subject, body, None, sorted(set(recipients)), fail_silently=True)
    )


def _notify_asf(placement: Placement, template: str) -> None:
    managers = User.objects.filter(
        memberships__organisation=placement.agreement.asf_id,
        memberships__role=Role.ASF_MANAGER,
        is_active=True,
    ).values_list("email", flat=True)
    subject = template % {"asf": placement.agreement.asf.name, "ref": placement.reference}
    _send(list(managers), subject, placement)


def _notify_funder(placement: Placement, template: str) -> None:
    officer = placement.referred_by
    if officer is None or not officer.is_active:
        return
    _send([officer.email], template % {"ref": placement.reference}, placement)
