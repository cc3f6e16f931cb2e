"""Social value over the API, mounted at /api/impact. Reports are the JSON documented in
docs/formats/impact-report.md; access follows inkludera/impact/access.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from inkludera.impact import access, services
from inkludera.impact.errors import ImpactError, NoDataError
from inkludera.impact.models import ParameterSet, ParameterVersion
from inkludera.impact.params import load_parameters

router = Router(tags=["impact"])


class VersionOut(Schema):
    number: int
    status: str
    published_at: str | None
    change_note: str


class ParameterSetOut(Schema):
    slug: str
    name: str
    is_default: bool
    versions: list[VersionOut]


def _version(parameter_set: ParameterSet, number: int | None) -> ParameterVersion:
    versions = ParameterVersion.objects.of_set(parameter_set).published()
    if number is None:
        version = versions.order_by("-number").first()
    else:
        version = versions.filter(number=number).first()
    if version is None:
        raise HttpError(404, services.missing_version_message())
    return version


def _errors(exc: ImpactError) -> HttpError:
    return HttpError(404 if isinstance(exc, NoDataError) else 400, str(exc))


@router.get("/parameters", response=list[ParameterSetOut])
def parameter_sets(request: HttpRequest) -> list[ParameterSetOut]:
    """Every parameter set and its versions (values hold no personal data)."""
    return [
        ParameterSetOut(
            slug=s.slug,
            name=s.name,
            is_default=s.is_default,
            versions=[
                VersionOut(
                    number=v.number,
                    status=v.status,
                    published_at=v.published_at.isoformat() if v.published_at else None,
                    change_note=v.change_note,
                )
                for v in s.versions.all()
            ],
        )
        for s in ParameterSet.objects.prefetch_related("versions")
    ]


@router.get("/parameters/{set_slug}/{number}", response=dict[str, Any])
def parameter_version(
    request: HttpRequest, set_slug: str, number: int, year: int | None = None
) -> dict[str, Any]:
    """Every value of a published version, with source, price year and the value in
    `year`'s prices (default: the version's latest price index year)."""
    version = _version(get_object_or_404(ParameterSet, slug=set_slug), number)
    try:
        params = load_parameters(version, year or 2100)
    except ImpactError as exc:
        raise _errors(exc) from exc
    return {
        **params.header(),
        "price_year": params.price_year,
        "values": [row.to_json() for row in params.values],
    }


@router.get("/asf/{slug}/{year}", response=dict[str, Any])
def asf_report(
    request: HttpRequest, slug: str, year: int, version: int | None = None
) -> dict[str, Any]:
    """The ASF's account for the year with the newest (or the given) published version."""
    asf = access.asf_for_statement(request, slug)
    chosen = None
    if version is not None:
        chosen = _version(get_object_or_404(ParameterSet, is_default=True), version)
    try:
        report = services.compute_asf_report(
            asf=asf,
            year=year,
            version=chosen,
            actor=request.user,  # type: ignore[arg-type]
        )
    except ImpactError as exc:
        raise _errors(exc) from exc
    return report.result  # type: ignore[no-any-return]


@router.get("/public/{slug}/{year}", response=dict[str, Any], auth=None)
def public_report(request: HttpRequest, slug: str, year: int) -> dict[str, Any]:
    """A statement the ASF has made public (no login)."""
    report = access.public_report(slug, year)
    result = dict(report.result)
    result.pop("inputs", None)
    result.get("parameters", {}).pop("values", None)
    return result


@router.get("/regional/{year}", response=dict[str, Any])
def regional_report(request: HttpRequest, year: int) -> dict[str, Any]:
    """Every ASF's key figures for the year (support staff)."""
    actor = access.require_regional_viewer(request)
    try:
        report = services.compute_regional_report(
            year=year, version=services.current_version(), actor=actor
        )
    except ImpactError as exc:
        raise _errors(exc) from exc
    return report.result  # type: ignore[no-any-return]


@router.get("/bought/{slug}/{year}", response=list[dict[str, Any]])
def bought(request: HttpRequest, slug: str, year: int) -> list[dict[str, Any]]:
    """Per ASF: what the municipality paid, and the social value it bought."""
    buyer = access.buyer_for_view(request, slug)
    try:
        rows = services.municipal_view(buyer=buyer, year=year)
    except ImpactError as exc:
        raise _errors(exc) from exc
    return [
        {
            "asf": row["asf"],
            "year": year,
            "parameter_version": row["report"].version.number,
            **row["buyer"],
        }
        for row in rows
    ]
