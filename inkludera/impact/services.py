"""Writes and computations that span models: parameter versions, hand entry, reports.

Keyword-only, typed, validated with full_clean(), each in a transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inkludera.accounts.models import Organisation, User
from inkludera.core.models import TaskRun
from inkludera.core.services import record_audit, start_task_run
from inkludera.impact.errors import ImpactError, NoDataError
from inkludera.impact.models import (
    AccountYear,
    ImpactOutcome,
    ImpactReport,
    ParameterSet,
    ParameterVersion,
    PersonRecord,
    PriceIndex,
    Rate,
    SaleRecord,
    Situation,
    SituationCost,
)
from inkludera.impact.params import load_parameters
from inkludera.impact.reports import (
    OrgInfo,
    build_asf_report,
    build_regional_report,
    regional_fingerprint,
)
from inkludera.impact.sources import YearFacts, gather, year_facts

# ---------------------------------------------------------------------------------------
# Parameter versions
# ---------------------------------------------------------------------------------------


def missing_version_message() -> str:
    return _("There is no published version with that number.")


def current_version() -> ParameterVersion:
    version = ParameterVersion.objects.current()
    if version is None:
        raise ImpactError(_("No parameter set is published yet. Ask the support structure."))
    return version


@transaction.atomic
def create_draft(*, parameter_set: ParameterSet, actor: User | None) -> ParameterVersion:
    """A new draft version: a copy of the newest published one, ready to be edited."""
    if ParameterVersion.objects.of_set(parameter_set).drafts().exists():
        raise ValidationError(_("This set already has a draft. Edit or publish it first."))
    base = ParameterVersion.objects.of_set(parameter_set).published().order_by("-number").first()
    last = ParameterVersion.objects.of_set(parameter_set).order_by("-number").first()
    draft = ParameterVersion.objects.create(
        parameter_set=parameter_set,
        number=(last.number + 1) if last else 1,
        status=ParameterVersion.Status.DRAFT,
        based_on=base,
        created_by=actor,
    )
    if base is not None:
        copy_values(source=base, target=draft)
    record_audit(actor=actor, subject=draft, action="impact.parameters.draft_created")
    return draft


def copy_values(*, source: ParameterVersion, target: ParameterVersion) -> None:
    """Copy every value of `source` into `target` (same sources, notes and price years)."""
    PriceIndex.objects.bulk_create(
        [_clone(row, version=target) for row in PriceIndex.objects.filter(version=source)]
    )
    Rate.objects.bulk_create(
        [_clone(row, version=target) for row in Rate.objects.filter(version=source)]
    )
    ImpactOutcome.objects.bulk_create(
        [_clone(row, version=target) for row in ImpactOutcome.objects.filter(version=source)]
    )
    costs_by_situation: dict[int, list[SituationCost]] = {}
    for cost in SituationCost.objects.filter(situation__version=source):
        costs_by_situation.setdefault(cost.situation_id, []).append(cost)
    for situation in Situation.objects.filter(version=source):
        old_pk = situation.pk
        copy = _clone(situation, version=target)
        copy.save()
        SituationCost.objects.bulk_create(
            [_clone(cost, situation=copy) for cost in costs_by_situation.get(old_pk, [])]
        )


def _clone(obj: Any, **changes: Any) -> Any:
    data = {
        f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key
    }
    for name, value in changes.items():
        data.pop(f"{name}_id", None)
        data[name] = value
    return type(obj)(**data)


def _require_draft(version: ParameterVersion) -> None:
    if not version.is_draft:
        raise ValidationError(
            _("Version %(n)s is published and cannot change. Make a new version.")
            % {"n": version.number}
        )


def _version_of(obj: Model) -> ParameterVersion:
    if isinstance(obj, SituationCost):
        return obj.situation.version
    return obj.version  # type: ignore[attr-defined,no-any-return]


@transaction.atomic
def update_parameter_value(*, obj: Model, data: dict[str, Any], actor: User | None) -> Model:
    """Change one value of a draft version (a cost line, a rate, an index, an outcome)."""
    version = _version_of(obj)
    _require_draft(version)
    before = {name: str(getattr(obj, name)) for name in data}
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    record_audit(
        actor=actor,
        subject=version,
        action="impact.parameters.value_changed",
        message=str(obj),
        data={"model": obj._meta.model_name, "pk": obj.pk, "before": before},
    )
    return obj


@transaction.atomic
def add_price_index(
    *, version: ParameterVersion, data: dict[str, Any], actor: User | None
) -> PriceIndex:
    _require_draft(version)
    index = PriceIndex(version=version, **data)
    index.full_clean()
    index.save()
    record_audit(
        actor=actor, subject=version, action="impact.parameters.index_added", message=str(index)
    )
    return index


@transaction.atomic
def publish_version(
    *, version: ParameterVersion, change_note: str, actor: User | None
) -> ParameterVersion:
    """Publish a draft: from now on new accounts use it; old reports keep theirs."""
    _require_draft(version)
    if not change_note.strip():
        raise ValidationError({"change_note": _("Say what changed in this version.")})
    version.status = ParameterVersion.Status.PUBLISHED
    version.change_note = change_note.strip()
    version.published_at = timezone.now()
    version.published_by = actor
    version.full_clean()
    version.save()
    try:
        load_parameters(version, timezone.localdate().year)
    except ImpactError as exc:
        raise ValidationError(str(exc)) from exc
    record_audit(actor=actor, subject=version, action="impact.parameters.published")
    return version


@transaction.atomic
def discard_draft(*, version: ParameterVersion, actor: User | None) -> None:
    _require_draft(version)
    record_audit(actor=actor, subject=version.parameter_set, action="impact.parameters.discarded")
    version.delete()


def version_changes(version: ParameterVersion) -> list[dict[str, str]]:
    """What differs from the version it was based on: label, before, after."""
    base = version.based_on
    if base is None:
        return []
    changes = []
    old = {row.key + row.label + row.actor: row for row in load_values(base)}
    for row in load_values(version):
        previous = old.pop(row.key + row.label + row.actor, None)
        if previous is None:
            changes.append({"label": row.label, "before": "", "after": str(row.value)})
        elif (previous.value, previous.price_year) != (row.value, row.price_year):
            changes.append(
                {
                    "label": row.label,
                    "before": _value_text(previous.value, previous.price_year),
                    "after": _value_text(row.value, row.price_year),
                }
            )
    changes.extend(
        {"label": row.label, "before": str(row.value), "after": ""} for row in old.values()
    )
    return changes


def _value_text(value: Decimal, price_year: int | None) -> str:
    return f"{value.normalize():f}" + (f" ({price_year})" if price_year else "")


@dataclass(frozen=True)
class PlainValue:
    key: str
    label: str
    actor: str
    value: Decimal
    price_year: int | None


def load_values(version: ParameterVersion) -> list[PlainValue]:
    values = [
        PlainValue(f"cpi-{i.year}", f"KPI {i.year}", "", i.value, None)
        for i in PriceIndex.objects.filter(version=version)
    ]
    values += [
        PlainValue(r.key, str(r.get_key_display()), "", r.value, r.price_year)
        for r in Rate.objects.filter(version=version)
    ]
    values += [
        PlainValue(
            c.situation.key, f"{c.situation.name}: {c.description}", c.actor, c.amount, c.price_year
        )
        for c in SituationCost.objects.filter(situation__version=version).select_related(
            "situation"
        )
    ]
    values += [
        PlainValue(
            o.key,
            o.name,
            "",
            o.proxy if o.proxy is not None else Decimal(0),
            o.price_year,
        )
        for o in ImpactOutcome.objects.filter(version=version)
    ]
    return values


# ---------------------------------------------------------------------------------------
# Hand entry
# ---------------------------------------------------------------------------------------


@transaction.atomic
def ensure_account_year(*, asf: Organisation, year: int, actor: User | None) -> AccountYear:
    account_year, created = AccountYear.objects.get_or_create(asf=asf, year=year)
    if created:
        account_year.full_clean()
        record_audit(
            actor=actor, subject=account_year, organisation=asf, action="impact.year.created"
        )
    return account_year


def situation_keys() -> list[tuple[str, str]]:
    """The typical situations of the current version: (key, name)."""
    version = ParameterVersion.objects.current()
    if version is None:
        return []
    return list(
        Situation.objects.filter(version=version).order_by("position").values_list("key", "name")
    )


@transaction.atomic
def save_person_record(
    *,
    account_year: AccountYear,
    data: dict[str, Any],
    actor: User | None,
    record: PersonRecord | None = None,
) -> PersonRecord:
    """Create or change a hand-entered person or group. Never a partial write."""
    record = record or PersonRecord(account_year=account_year)
    if record.account_year_id != account_year.pk:
        raise ValidationError(_("This record belongs to another year."))
    for name, value in data.items():
        setattr(record, name, value)
    if record.situation_key not in dict(situation_keys()):
        raise ValidationError({"situation_key": _("Choose one of the typical situations.")})
    record.full_clean()
    record.save()
    record_audit(
        actor=actor,
        subject=account_year,
        organisation=account_year.asf,
        action="impact.person.saved",
        message=record.label,
    )
    return record


@transaction.atomic
def delete_person_record(*, record: PersonRecord, actor: User | None) -> None:
    record_audit(
        actor=actor,
        subject=record.account_year,
        organisation=record.account_year.asf,
        action="impact.person.deleted",
        message=record.label,
    )
    record.delete()


@transaction.atomic
def save_sale(*, account_year: AccountYear, data: dict[str, Any], actor: User | None) -> SaleRecord:
    sale = SaleRecord(account_year=account_year, **data)
    sale.full_clean()
    sale.save()
    record_audit(
        actor=actor,
        subject=account_year,
        organisation=account_year.asf,
        action="impact.sale.saved",
        message=str(sale.amount),
    )
    return sale


@transaction.atomic
def delete_sale(*, sale: SaleRecord, actor: User | None) -> None:
    record_audit(
        actor=actor,
        subject=sale.account_year,
        organisation=sale.account_year.asf,
        action="impact.sale.deleted",
        message=str(sale.amount),
    )
    sale.delete()


@transaction.atomic
def update_grants(
    *, account_year: AccountYear, data: dict[str, Any], actor: User | None
) -> AccountYear:
    for name, value in data.items():
        setattr(account_year, name, value)
    account_year.full_clean()
    account_year.save()
    record_audit(
        actor=actor,
        subject=account_year,
        organisation=account_year.asf,
        action="impact.grants.saved",
    )
    return account_year


# ---------------------------------------------------------------------------------------
# Reports for one ASF
# ---------------------------------------------------------------------------------------


def org_info(organisation: Organisation) -> OrgInfo:
    return OrgInfo(
        organisation.pk,
        organisation.slug,
        organisation.name,
        organisation.org_number,
        organisation.kind,
    )


def buyer_infos(facts: Iterable[YearFacts]) -> dict[int, OrgInfo]:
    ids: set[int] = set()
    for f in facts:
        ids.update(s.buyer_id for s in f.sales if s.buyer_id is not None)
        ids.update(p.place_buyer_id for p in f.people if p.place_buyer_id is not None)
    return {o.pk: org_info(o) for o in Organisation.objects.filter(pk__in=ids)}


def year_facts_for(account_year: AccountYear) -> YearFacts:
    return year_facts(account_year.asf_id, account_year.year)


def no_data_error(year: int) -> NoDataError:
    return NoDataError(_("There are no records for %(year)s.") % {"year": year})


def compute_asf_report(
    *,
    asf: Organisation,
    year: int,
    version: ParameterVersion | None = None,
    actor: User | None = None,
    facts: YearFacts | None = None,
) -> ImpactReport:
    """The stored report for (version, data fingerprint), computed now if there is none."""
    version = version or current_version()
    facts = facts if facts is not None else year_facts(asf.pk, year)
    if not facts.has_people:
        raise no_data_error(year)
    fingerprint = facts.fingerprint()
    existing = ImpactReport.objects.for_asf(asf, year).filter(
        version=version, fingerprint=fingerprint
    )
    found = existing.first()
    if found is not None:
        return found
    with translation.override(settings.LANGUAGE_CODE):  # a stored report is a Swedish document
        params = load_parameters(version, year)
        result = build_asf_report(
            asf=org_info(asf), facts=facts, params=params, buyers=buyer_infos([facts])
        )
    return _store(
        kind=ImpactReport.Kind.ASF,
        organisation=asf,
        year=year,
        version=version,
        fingerprint=fingerprint,
        result=result,
        actor=actor,
    )


def _store(
    *,
    kind: str,
    organisation: Organisation | None,
    year: int,
    version: ParameterVersion,
    fingerprint: str,
    result: dict[str, Any],
    actor: User | None,
) -> ImpactReport:
    ratio = result["summary"].get("sroi_ratio")
    try:
        with transaction.atomic():
            return ImpactReport.objects.create(
                kind=kind,
                organisation=organisation,
                year=year,
                version=version,
                fingerprint=fingerprint,
                result=result,
                real_effect=Decimal(result["summary"]["real_effect"]),
                sroi_ratio=Decimal(ratio) if ratio is not None else None,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:  # computed at the same moment by someone else
        return ImpactReport.objects.get(
            kind=kind,
            organisation=organisation,
            year=year,
            version=version,
            fingerprint=fingerprint,
        )


@dataclass(frozen=True)
class StatementState:
    """What the statement page shows: a stored report and whether it is up to date."""

    report: ImpactReport | None
    facts: YearFacts
    version: ParameterVersion | None
    fingerprint: str

    @property
    def has_data(self) -> bool:
        return self.facts.has_people

    @property
    def newer_version(self) -> bool:
        return bool(self.report and self.version and self.report.version_id != self.version.pk)

    @property
    def data_changed(self) -> bool:
        return bool(self.report and self.report.fingerprint != self.fingerprint)

    @property
    def is_current(self) -> bool:
        return bool(self.report) and not self.newer_version and not self.data_changed


def statement_state(*, asf: Organisation, year: int) -> StatementState:
    """The newest stored report (computing the first one if there is none)."""
    facts = year_facts(asf.pk, year)
    version = ParameterVersion.objects.current()
    report = (
        ImpactReport.objects.for_asf(asf, year).select_related("version__parameter_set").first()
    )
    if report is None and facts.has_people and version is not None:
        report = compute_asf_report(asf=asf, year=year, version=version, facts=facts)
    return StatementState(report, facts, version, facts.fingerprint())


@transaction.atomic
def set_statement_public(*, report: ImpactReport, public: bool, actor: User | None) -> None:
    """Show this report on the ASF's public profile (one per year), or stop showing it."""
    if report.kind != ImpactReport.Kind.ASF:
        raise ValidationError(_("Only an ASF's own statement can be made public."))
    ImpactReport.objects.filter(
        organisation=report.organisation, year=report.year, is_public=True
    ).update(is_public=False)
    if public:
        ImpactReport.objects.filter(pk=report.pk).update(is_public=True)
    record_audit(
        actor=actor,
        subject=report,
        organisation=report.organisation,
        action="impact.statement.published" if public else "impact.statement.unpublished",
    )


# ---------------------------------------------------------------------------------------
# The municipal view: social value bought, per ASF
# ---------------------------------------------------------------------------------------


def asf_ids_buying_from(buyer: Organisation, year: int) -> set[int]:
    """ASF that sold to `buyer` or had people in places it bought, in the year."""
    ids = set(
        SaleRecord.objects.filter(account_year__year=year, buyer=buyer).values_list(
            "account_year__asf_id", flat=True
        )
    )
    ids |= set(
        PersonRecord.objects.filter(account_year__year=year, place_buyer=buyer).values_list(
            "account_year__asf_id", flat=True
        )
    )
    return ids


def reports_for(
    *, asf_ids: Sequence[int], year: int, version: ParameterVersion, actor: User | None = None
) -> dict[int, ImpactReport]:
    """Current reports for several ASF at once (stored ones reused), for ASF with people."""
    facts_by_asf = gather(list(asf_ids), year)
    stored = {
        (r.organisation_id, r.fingerprint): r
        for r in ImpactReport.objects.filter(
            kind=ImpactReport.Kind.ASF, year=year, version=version, organisation_id__in=asf_ids
        ).select_related("version")
    }
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=asf_ids)}
    result = {}
    for asf_id, facts in facts_by_asf.items():
        if not facts.has_people:
            continue
        report = stored.get((asf_id, facts.fingerprint()))
        if report is None:
            report = compute_asf_report(
                asf=organisations[asf_id], year=year, version=version, actor=actor, facts=facts
            )
        result[asf_id] = report
    return result


def municipal_view(*, buyer: Organisation, year: int) -> list[dict[str, Any]]:
    """Per ASF: what the buyer paid, and the social value that bought (stored reports)."""
    version = current_version()
    ids = sorted(asf_ids_buying_from(buyer, year))
    reports = reports_for(asf_ids=ids, year=year, version=version)
    rows = []
    for report in reports.values():
        entry = next((b for b in report.result["buyers"] if b["organisation"] == buyer.slug), None)
        if entry is None:
            continue
        rows.append({"report": report, "asf": report.result["asf"], "buyer": entry})
    return sorted(rows, key=lambda row: row["asf"]["name"])


# ---------------------------------------------------------------------------------------
# The regional report: a background task
# ---------------------------------------------------------------------------------------


def compute_regional_report(
    *,
    year: int,
    version: ParameterVersion,
    actor: User | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImpactReport:
    facts_by_asf = gather(None, year)
    if not any(f.has_people for f in facts_by_asf.values()):
        raise no_data_error(year)
    fingerprint = regional_fingerprint(facts_by_asf)
    found = ImpactReport.objects.regional(year).filter(version=version, fingerprint=fingerprint)
    if (existing := found.first()) is not None:
        return existing
    with translation.override(settings.LANGUAGE_CODE):
        params = load_parameters(version, year)
    asf = {
        o.pk: OrgInfo(
            o.pk,
            o.slug,
            o.name,
            o.org_number,
            o.kind,
            o.asf.home_municipality.name if hasattr(o, "asf") else "",
        )
        for o in Organisation.objects.filter(pk__in=list(facts_by_asf)).select_related(
            "asf__home_municipality"
        )
    }
    with translation.override(settings.LANGUAGE_CODE):
        result = build_regional_report(
            year=year, facts_by_asf=facts_by_asf, params=params, asf=asf, progress=progress
        )
    return _store(
        kind=ImpactReport.Kind.REGIONAL,
        organisation=None,
        year=year,
        version=version,
        fingerprint=fingerprint,
        result=result,
        actor=actor,
    )


def start_regional_report(*, year: int, actor: User) -> TaskRun:
    from inkludera.impact.tasks import regional_report_task

    version = current_version()
    return start_task_run(
        kind="impact.regional_report",
        task=regional_report_task,
        started_by=actor,
        year=year,
        version_id=version.pk,
        user_id=actor.pk,
    )


def years_with_data(asf: Organisation | None = None) -> list[int]:
    years = AccountYear.objects.filter(people__isnull=False)
    if asf is not None:
        years = years.filter(asf=asf)
    return sorted(set(years.values_list("year", flat=True)), reverse=True)


def public_years(asf: Organisation) -> list[ImpactReport]:
    return list(
        ImpactReport.objects.filter(
            Q(kind=ImpactReport.Kind.ASF), organisation=asf, is_public=True
        ).order_by("-year")
    )
