"""Writes in the incubator: applications, stage moves, checklists, meetings, and registering
an established venture as an ASF in the directory."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import Municipality, User
from inkludera.core.identifiers import clean_org_number
from inkludera.core.services import record_audit
from inkludera.directory.models import AsfProfile
from inkludera.directory.services import register_asf
from inkludera.support.euproject.services import record_workforce_baseline
from inkludera.support.incubator.models import (
    OPEN_STAGES,
    SILENCE_DAYS,
    ChecklistItem,
    ChecklistTick,
    Meeting,
    Programme,
    Stage,
    StageChange,
    Venture,
)


@transaction.atomic
def apply(
    *,
    programme: Programme,
    name: str,
    idea: str,
    target_group: str,
    municipality: Municipality,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    consent: bool,
    consent_text: str,
) -> Venture:
    """A person applies with an idea. Nothing is stored without consent."""
    if not consent:
        raise ValidationError(
            {"consent": _("We need your consent to store the application and contact you.")}
        )
    if not programme.accepts_applications:
        raise ValidationError(_("This programme does not take applications now."))
    today = timezone.localdate()
    venture = Venture(
        programme=programme,
        name=name,
        idea=idea,
        target_group=target_group,
        municipality=municipality,
        contact_name=contact_name,
        contact_email=contact_email.lower(),
        contact_phone=contact_phone,
        consent_given_at=timezone.now(),
        consent_text=consent_text,
        stage=Stage.IDEA,
        stage_entered_on=today,
        applied_on=today,
    )
    venture.full_clean()
    venture.save()
    StageChange.objects.create(venture=venture, to_stage=Stage.IDEA, changed_on=today)
    send_mail(
        _("We have received your idea: %(name)s") % {"name": venture.name},
        render_to_string("incubator/email/application_received.txt", {"venture": venture}),
        None,
        [venture.contact_email],
    )
    record_audit(actor=None, subject=venture, action="incubator.applied")
    return venture


@transaction.atomic
def move_venture(
    *,
    actor: User,
    venture: Venture,
    to_stage: str,
    note: str = "",
    day: datetime.date | None = None,
) -> list[ChecklistItem]:
    """Move to another open stage, or end the venture. Returns the items left unticked.

    "Established" is reached only by registering the ASF (`register_as_asf`).
    """
    day = day or timezone.localdate()
    if venture.stage == Stage.ESTABLISHED:
        raise ValidationError(_("The venture is an ASF already; its stage no longer changes."))
    if to_stage == Stage.ESTABLISHED:
        raise ValidationError(
            {"to_stage": _("Register the venture as an ASF to mark it established.")}
        )
    if to_stage not in [*OPEN_STAGES, Stage.ENDED]:
        raise ValidationError({"to_stage": _("Choose a stage.")})
    if to_stage == venture.stage:
        raise ValidationError({"to_stage": _("The venture is in this stage already.")})
    if to_stage == Stage.ENDED and not note.strip():
        raise ValidationError({"note": _("Say why the venture ends.")})
    left = unticked_items(venture)
    StageChange.objects.create(
        venture=venture,
        from_stage=venture.stage,
        to_stage=to_stage,
        changed_on=day,
        changed_by=actor,
        note=note,
    )
    venture.stage = to_stage
    venture.stage_entered_on = day
    venture.ended_reason = note if to_stage == Stage.ENDED else ""
    venture.save(update_fields=["stage", "stage_entered_on", "ended_reason"])
    record_audit(actor=actor, subject=venture, action="incubator.moved", message=to_stage)
    return left


def unticked_items(venture: Venture) -> list[ChecklistItem]:
    done = set(ChecklistTick.objects.filter(venture=venture).values_list("item_id", flat=True))
    return [
        item
        for item in ChecklistItem.objects.filter(
            programme=venture.programme, stage=venture.stage, is_active=True
        )
        if item.pk not in done
    ]


@transaction.atomic
def save_checklist(*, actor: User, venture: Venture, done_item_ids: set[int], stage: str) -> None:
    """Tick exactly `done_item_ids` among the programme's items for `stage`."""
    items = ChecklistItem.objects.filter(programme=venture.programme, stage=stage, is_active=True)
    today = timezone.localdate()
    for item in items:
        tick = ChecklistTick.objects.filter(venture=venture, item=item).first()
        if item.pk in done_item_ids and tick is None:
            ChecklistTick.objects.create(venture=venture, item=item, done_on=today, done_by=actor)
        elif item.pk not in done_item_ids and tick is not None:
            tick.delete()


@transaction.atomic
def log_meeting(
    *,
    actor: User,
    venture: Venture,
    held_on: datetime.date,
    minutes: int,
    notes: str,
    next_steps: str = "",
) -> Meeting:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Log a meeting after it has taken place.")})
    if held_on < venture.applied_on:
        raise ValidationError({"held_on": _("The meeting cannot be before the application.")})
    meeting = Meeting(
        venture=venture,
        advisor=actor,
        held_on=held_on,
        minutes=minutes,
        notes=notes,
        next_steps=next_steps,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def update_venture(
    *,
    actor: User,
    venture: Venture,
    name: str,
    advisor: User | None,
    org_number: str,
    municipality: Municipality,
) -> Venture:
    venture.name = name
    venture.advisor = advisor
    venture.municipality = municipality
    venture.org_number = clean_org_number(org_number) if org_number else ""
    venture.full_clean()
    venture.save()
    return venture


@transaction.atomic
def register_as_asf(
    *,
    actor: User,
    venture: Venture,
    organisation_data: dict[str, Any],
    profile_data: dict[str, Any],
) -> AsfProfile:
    """One action: the ASF in the directory, the venture established and linked to it.

    The venture's meetings, stages and checklist stay on the venture, which now points at
    the new organisation; the ASF's pages show that history. When the programme belongs
    to an EU project, the new enterprise's workforce baseline is 0 (it is new).
    """
    if venture.stage != Stage.START_UP:
        raise ValidationError(_("Only a venture in the start-up stage can become an ASF."))
    profile = register_asf(
        actor=actor,
        organisation_data={**organisation_data, "is_demo": venture.is_demo},
        profile_data=profile_data,
    )
    today = timezone.localdate()
    StageChange.objects.create(
        venture=venture,
        from_stage=venture.stage,
        to_stage=Stage.ESTABLISHED,
        changed_on=today,
        changed_by=actor,
        note=_("Registered as an ASF in the directory."),
    )
    venture.stage = Stage.ESTABLISHED
    venture.stage_entered_on = today
    venture.established_on = today
    venture.organisation = profile.organisation
    venture.org_number = profile.organisation.org_number
    venture.save()
    project = venture.programme.project
    if project is not None and project.covers(today):
        record_workforce_baseline(
            project=project,
            organisation=profile.organisation,
            day=today,
            employees=Decimal("0"),
            source=_("new enterprise from the incubator"),
        )
    record_audit(
        actor=actor,
        subject=venture,
        action="incubator.established",
        message=profile.organisation.name,
    )
    return profile


@transaction.atomic
def erase_contact(*, actor: User, venture: Venture) -> Venture:
    """Erase the applicant's contact details of an ended venture (GDPR art. 17)."""
    if venture.stage != Stage.ENDED:
        raise ValidationError(_("Contact details are erased only when a venture has ended."))
    venture.contact_name = _("(erased)")
    venture.contact_email = f"erased-{venture.pk}@invalid.example"
    venture.contact_phone = ""
    venture.contact_erased_on = timezone.localdate()
    venture.save(
        update_fields=["contact_name", "contact_email", "contact_phone", "contact_erased_on"]
    )
    record_audit(actor=actor, subject=venture, action="incubator.contact_erased")
    return venture


@transaction.atomic
def save_checklist_item(
    *,
    actor: User,
    programme: Programme,
    item: ChecklistItem | None,
    stage: str,
    text: str,
    position: int,
    is_active: bool = True,
) -> ChecklistItem:
    item = item or ChecklistItem(programme=programme)
    item.stage = stage
    item.text = text
    item.position = position
    item.is_active = is_active
    item.full_clean()
    item.save()
    return item


REMIND_AGAIN_AFTER_DAYS = 7


def send_silence_reminders(*, today: datetime.date | None = None) -> int:
    """Email each advisor the ideas that have been silent for 30 days. Returns mails sent.

    An idea is named again only after a week, or after new activity went silent again.
    Runs daily as a queued job (`periodic.py`); `manage.py remind_silent_ventures` runs it now.
    """
    today = today or timezone.localdate()
    silent = (
        Venture.objects.silent_since(today - datetime.timedelta(days=SILENCE_DAYS))
        .filter(advisor__isnull=False, advisor__is_active=True)
        .select_related("advisor")
        .order_by("advisor_id", "stage_entered_on", "pk")
    )
    due: dict[int, list[Venture]] = {}
    for venture in silent:
        reminded = venture.silence_reminded_on
        last_activity: datetime.date = venture.last_activity_on  # type: ignore[attr-defined]
        if (
            reminded
            and reminded >= last_activity
            and (today - reminded).days < REMIND_AGAIN_AFTER_DAYS
        ):
            continue
        venture.silent_days = (today - last_activity).days  # type: ignore[attr-defined]
        due.setdefault(venture.advisor_id, []).append(venture)  # type: ignore[arg-type]
    for ventures in due.values():
        advisor = ventures[0].advisor
        assert advisor is not None
        send_mail(
            _("%(count)s ideas in the incubator are waiting for you") % {"count": len(ventures)},
            render_to_string(
                "incubator/email/silence_reminder.txt",
                {"advisor": advisor, "ventures": ventures, "days": SILENCE_DAYS},
            ),
            None,
            [advisor.email],
        )
        Venture.objects.filter(pk__in=[v.pk for v in ventures]).update(silence_reminded_on=today)
    return len(due)
