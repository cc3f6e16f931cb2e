"""Who may see and change agreements and people's cases. One condition per line.

A person's record is seen by the ASF's managers, by that person's supervisor, and by the
placement officers of the organisation that referred them. Nobody else, support staff
included, unless the person's consent for the reader's organisation is recorded; consent
never covers support needs. Every fetch of a case goes through `placement_for`, which
logs the read (`core.services.log_personal_data_read`) before returning anything.

Refusals are 404 for signed-in users; anonymous users are sent to the login page by
`login_required` (pages) or get 401 (API) before these run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import user_of
from inkludera.accounts.models import Organisation, Role, User
from inkludera.core.models import PersonalDataAccess
from inkludera.core.services import log_personal_data_read
from inkludera.placements.models import Agreement, Placement

FUNDER_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.BUYER)
# A reader who got in through the person's recorded consent.
CONSENT = "consent"


@dataclass(frozen=True)
class Reader:
    """In which role, and for which organisation, a user reads or changes a case."""

    role: str
    organisation: Organisation

    @property
    def side(self) -> str:
        if self.role in (Role.ASF_MANAGER, Role.SUPERVISOR):
            return "asf"
        if self.role == Role.PLACEMENT_OFFICER:
            return "funder"
        return "other"


# What each role may do with a case it is related to. The relation itself (the ASF, the
# person's supervisor, the referring organisation, a consent) is checked in `readers_of`.
ACTIONS: dict[str, frozenset[str]] = {
    "record": frozenset({Role.ASF_MANAGER, Role.SUPERVISOR, Role.PLACEMENT_OFFICER, CONSENT}),
    "support_needs": frozenset({Role.ASF_MANAGER, Role.SUPERVISOR, Role.PLACEMENT_OFFICER}),
    "edit_support_needs": frozenset({Role.ASF_MANAGER, Role.PLACEMENT_OFFICER}),
    "edit_person": frozenset({Role.ASF_MANAGER, Role.PLACEMENT_OFFICER}),
    "decide": frozenset({Role.ASF_MANAGER}),
    "withdraw": frozenset({Role.PLACEMENT_OFFICER}),
    "supervisor": frozenset({Role.ASF_MANAGER}),
    "plan": frozenset({Role.ASF_MANAGER, Role.SUPERVISOR}),
    "meeting": frozenset({Role.ASF_MANAGER, Role.SUPERVISOR, Role.PLACEMENT_OFFICER}),
    "attendance": frozenset({Role.ASF_MANAGER, Role.SUPERVISOR, Role.PLACEMENT_OFFICER}),
    "record_attendance": frozenset({Role.ASF_MANAGER, Role.SUPERVISOR}),
    "follow_up": frozenset({Role.ASF_MANAGER, Role.PLACEMENT_OFFICER}),
    "consent": frozenset({Role.ASF_MANAGER, Role.PLACEMENT_OFFICER}),
    "extract": frozenset({Role.ASF_MANAGER, Role.PLACEMENT_OFFICER}),
    "access_log": frozenset({Role.ASF_MANAGER, Role.PLACEMENT_OFFICER}),
}


def readers_of(user: User, placement: Placement) -> list[Reader]:
    """Every role in which `user` is related to this person's case."""
    asf = placement.agreement.asf
    funder = placement.referring_organisation
    found = []
    if user.has_role(Role.ASF_MANAGER, asf):
        found.append(Reader(Role.ASF_MANAGER, asf))
    if placement.supervisor_id == user.pk and user.has_role(Role.SUPERVISOR, asf):
        found.append(Reader(Role.SUPERVISOR, asf))
    if user.has_role(Role.PLACEMENT_OFFICER, funder):
        found.append(Reader(Role.PLACEMENT_OFFICER, funder))
    for organisation in _consented_organisations(user, placement):
        found.append(Reader(CONSENT, organisation))
    return found


def _consented_organisations(user: User, placement: Placement) -> list[Organisation]:
    """Support organisations in which the user is support staff and the person consented."""
    support_orgs = [
        m.organisation
        for m in user.memberships_cached
        if m.role == Role.SUPPORT_STAFF and m.organisation is not None
    ]
    if not support_orgs:
        return []
    consented = set(
        placement.consents.filter(
            withdrawn_on__isnull=True, organisation__in=support_orgs
        ).values_list("organisation_id", flat=True)
    )
    return [o for o in support_orgs if o.pk in consented]


def reader_for(user: User, placement: Placement, action: str) -> Reader | None:
    """The first role in which `user` may take `action` on this case, if any."""
    if not user.is_active:
        return None
    allowed = ACTIONS[action]
    return next((r for r in readers_of(user, placement) if r.role in allowed), None)


def placement_for(
    request: HttpRequest, pk: int, action: str, *, part: str = ""
) -> tuple[Placement, Reader]:
    """The case `pk` if the user may take `action` on it; the read is logged first."""
    user = user_of(request)
    placement = get_object_or_404(
        Placement.objects.select_related(
            "agreement__asf", "agreement__funder", "referring_organisation", "supervisor"
        ),
        pk=pk,
    )
    reader = reader_for(user, placement, action)
    if reader is None:
        raise Http404
    log_personal_data_read(
        reader=user,
        role=reader.role,
        subject=placement,
        part=part or action,
        reader_organisation=reader.organisation,
    )
    return placement, reader


def log_list_read(
    user: User, reader: Reader, placements: Iterable[Placement | int], *, part: str
) -> None:
    """A page that lists people (names) logs one read per person shown, in one query.

    The same record as `core.services.log_personal_data_read`, written in bulk. A page
    kept in the page cache passes the ids of the placements it shows.
    """
    subject_type = ContentType.objects.get_for_model(Placement)
    PersonalDataAccess.objects.bulk_create(
        [
            PersonalDataAccess(
                reader=user,
                role=reader.role,
                reader_organisation=reader.organisation,
                subject_type=subject_type,
                subject_id=str(p if isinstance(p, int) else p.pk),
                part=part,
            )
            for p in placements
        ]
    )


# --- organisations' pages ------------------------------------------------------------


def asf_for(request: HttpRequest, slug: str, *roles: str) -> tuple[Organisation, Reader]:
    """An ASF's placement pages: its managers (and supervisors where `roles` says so)."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug, kind=Organisation.Kind.ASF)
    held = user.roles_in(organisation)
    role = next((r for r in roles if r in held), None)
    if role is None:
        raise Http404
    return organisation, Reader(role, organisation)


def funder_for(request: HttpRequest, slug: str, *roles: str) -> tuple[Organisation, Reader]:
    """A funder's placement pages: its placement officers (and buyers where allowed)."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug, kind__in=FUNDER_KINDS)
    held = user.roles_in(organisation)
    role = next((r for r in roles if r in held), None)
    if role is None:
        raise Http404
    return organisation, Reader(role, organisation)


# What each role may do with an agreement, on its side of it.
AGREEMENT_ACTIONS: dict[str, dict[str, frozenset[str]]] = {
    "view": {
        "asf": frozenset({Role.ASF_MANAGER}),
        "funder": frozenset({Role.PLACEMENT_OFFICER, Role.MUNICIPAL_BUYER}),
    },
    "people": {
        "asf": frozenset({Role.ASF_MANAGER}),
        "funder": frozenset({Role.PLACEMENT_OFFICER}),
    },
    "edit": {
        "asf": frozenset({Role.ASF_MANAGER}),
        "funder": frozenset({Role.PLACEMENT_OFFICER}),
    },
    "report": {
        "asf": frozenset({Role.ASF_MANAGER}),
        "funder": frozenset({Role.PLACEMENT_OFFICER, Role.MUNICIPAL_BUYER}),
    },
}


def agreement_reader(user: User, agreement: Agreement, action: str) -> Reader | None:
    if not user.is_active:
        return None
    rules = AGREEMENT_ACTIONS[action]
    for role in sorted(user.roles_in(agreement.asf) & rules["asf"]):
        return Reader(role, agreement.asf)
    for role in sorted(user.roles_in(agreement.funder) & rules["funder"]):
        return Reader(role, agreement.funder)
    return None


def agreement_for(request: HttpRequest, pk: int, action: str) -> tuple[Agreement, Reader]:
    user = user_of(request)
    agreement = get_object_or_404(Agreement.objects.select_related("asf", "funder"), pk=pk)
    reader = agreement_reader(user, agreement, action)
    if reader is None:
        raise Http404
    return agreement, reader


def visible_placements(user: User) -> Q:
    """A filter for the cases `user` may read the record of (lists, search, the API)."""
    condition = Q(pk__in=[])
    for m in user.memberships_cached:
        if m.organisation is None:
            continue
        if m.role == Role.ASF_MANAGER:
            condition |= Q(agreement__asf=m.organisation)
        if m.role == Role.SUPERVISOR:
            condition |= Q(agreement__asf=m.organisation, supervisor=user)
        if m.role == Role.PLACEMENT_OFFICER:
            condition |= Q(referring_organisation=m.organisation)
        if m.role == Role.SUPPORT_STAFF:
            condition |= Q(
                consents__organisation=m.organisation, consents__withdrawn_on__isnull=True
            )
    return condition


def reader_in_list(user: User, placement: Placement) -> Reader | None:
    """The role in which a listed case is shown (for the list's access log)."""
    return reader_for(user, placement, "record")
