"""Public directory endpoints: no login needed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from inkludera.directory.forms import DirectorySearchForm
from inkludera.directory.models import AsfProfile, ServiceCategory

router = Router(tags=["directory"])


class CategoryOut(Schema):
    slug: str
    name: str


class AsfOut(Schema):
    slug: str
    name: str
    org_number: str
    summary: str
    legal_form: str
    home_municipality_code: str
    city: str
    categories: list[str]
    employees_count: int
    participants_count: int
    far_from_labour_market_count: int
    reserved_contract_eligible: bool
    criteria_met: bool
    is_demo: bool


def _out(profile: AsfProfile) -> AsfOut:
    organisation = profile.organisation
    return AsfOut(
        slug=organisation.slug,
        name=organisation.name,
        org_number=organisation.org_number,
        summary=profile.summary,
        legal_form=profile.legal_form,
        home_municipality_code=profile.home_municipality.code,
        city=organisation.city,
        categories=[c.slug for c in profile.categories.all()],
        employees_count=profile.employees_count,
        participants_count=profile.participants_count,
        far_from_labour_market_count=profile.far_from_labour_market_count,
        reserved_contract_eligible=profile.reserved_contract_eligible,
        criteria_met=profile.meets_all_criteria,
        is_demo=organisation.is_demo,
    )


@router.get("/categories", response=list[CategoryOut], auth=None)
def categories(request: HttpRequest) -> list[CategoryOut]:
    return [CategoryOut(slug=c.slug, name=c.name) for c in ServiceCategory.objects.all()]


@router.get("/asf", response=list[AsfOut], auth=None)
def list_asf(
    request: HttpRequest,
    q: str = "",
    municipality: str = "",
    category: str = "",
    reserved: bool = False,
) -> list[AsfOut]:
    form = DirectorySearchForm(
        {"q": q, "municipality": municipality, "category": category, "reserved": reserved}
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    profiles = (
        AsfProfile.objects.published()
        .matching(**form.cleaned_data)
        .for_listing()
        .order_by("organisation__name")
    )
    return [_out(p) for p in profiles]


@router.get("/asf/{slug}", response=AsfOut, auth=None)
def get_asf(request: HttpRequest, slug: str) -> AsfOut:
    profile = get_object_or_404(
        AsfProfile.objects.published().for_listing(), organisation__slug=slug
    )
    return _out(profile)
