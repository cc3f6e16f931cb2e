"""Who may see and change what in social value. One condition per line.

* An ASF's managers see their statements and enter their figures; support staff see
  every statement (aggregates only) but do not enter an ASF's figures.
* Support staff edit parameter sets and see the regional report.
* Municipal buyers and placement officers see the value their organisation bought.
* Anyone sees a statement the ASF has made public.

Refusals are 404 for signed-in outsiders; anonymous users are sent to the login page by
`login_required` before these run.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import is_support_staff, user_of
from inkludera.accounts.models import Organisation, Role, User
from inkludera.impact.models import (
    AccountYear,
    ImpactReport,
    ParameterVersion,
    PersonRecord,
    SaleRecord,
)

BUYER_ROLES = (Role.MUNICIPAL_BUYER, Role.PLACEMENT_OFFICER)


def _asf(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, kind=Organisation.Kind.ASF)


def asf_for_statement(request: HttpRequest, slug: str) -> Organisation:
    """The ASF's managers and support staff read its statements and accounts."""
    user = user_of(request)
    asf = _asf(slug)
    if is_support_staff(user):
        return asf
    if user.has_role(Role.ASF_MANAGER, asf):
        return asf
    raise Http404


def asf_for_entry(request: HttpRequest, slug: str) -> Organisation:
    """Only the ASF's own managers enter and change its figures."""
    user = user_of(request)
    asf = _asf(slug)
    if user.has_role(Role.ASF_MANAGER, asf):
        return asf
    raise Http404


def may_enter_figures(user: User, asf: Organisation) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.ASF_MANAGER, asf))


def may_publish(user: User, asf: Organisation) -> bool:
    return may_enter_figures(user, asf)


def account_year_for_entry(request: HttpRequest, slug: str, year: int) -> AccountYear:
    asf = asf_for_entry(request, slug)
    return get_object_or_404(AccountYear, asf=asf, year=year)


def person_record_for_entry(request: HttpRequest, slug: str, year: int, pk: int) -> PersonRecord:
    account_year = account_year_for_entry(request, slug, year)
    return get_object_or_404(PersonRecord, pk=pk, account_year=account_year)


def sale_for_entry(request: HttpRequest, slug: str, year: int, pk: int) -> SaleRecord:
    account_year = account_year_for_entry(request, slug, year)
    return get_object_or_404(SaleRecord, pk=pk, account_year=account_year)


def report_of_asf(asf: Organisation, year: int, report_id: str | None) -> ImpactReport | None:
    """A stored report of this ASF and year, by id (None when no id is asked for)."""
    if not report_id:
        return None
    if not report_id.isdigit():
        raise Http404
    return get_object_or_404(
        ImpactReport.objects.select_related("version__parameter_set"),
        pk=int(report_id),
        kind=ImpactReport.Kind.ASF,
        organisation=asf,
        year=year,
    )


def public_report(slug: str, year: int) -> ImpactReport:
    """A statement its ASF made public: for everyone."""
    asf = _asf(slug)
    return get_object_or_404(
        ImpactReport.objects.select_related("version__parameter_set", "organisation"),
        kind=ImpactReport.Kind.ASF,
        organisation=asf,
        year=year,
        is_public=True,
    )


def require_parameter_editor(request: HttpRequest) -> User:
    """Support staff edit the parameter sets."""
    user = user_of(request)
    if not is_support_staff(user):
        raise Http404
    return user


def version_for_editor(request: HttpRequest, set_slug: str, number: int) -> ParameterVersion:
    require_parameter_editor(request)
    return get_object_or_404(
        ParameterVersion.objects.select_related("parameter_set"),
        parameter_set__slug=set_slug,
        number=number,
    )


def require_regional_viewer(request: HttpRequest) -> User:
    """Support staff see the regional report."""
    user = user_of(request)
    if not is_support_staff(user):
        raise Http404
    return user


def regional_report(year: int, report_id: str | None) -> ImpactReport | None:
    if not report_id:
        return None
    if not report_id.isdigit():
        raise Http404
    return get_object_or_404(
        ImpactReport.objects.select_related("version__parameter_set"),
        pk=int(report_id),
        kind=ImpactReport.Kind.REGIONAL,
        year=year,
    )


def buyer_for_view(request: HttpRequest, slug: str) -> Organisation:
    """A municipality's (or funder's) buyers and placement officers see what it bought."""
    user = user_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.kind not in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.BUYER):
        raise Http404
    if not user.roles_in(organisation).intersection(BUYER_ROLES):
        raise Http404
    return organisation
