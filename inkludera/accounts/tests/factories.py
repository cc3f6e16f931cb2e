"""Small builders for tests. Each returns a saved, valid object."""

from __future__ import annotations

import itertools

from stdnum import luhn

from inkludera.accounts.models import Membership, Municipality, Organisation, User
from inkludera.directory.models import AsfProfile, ServiceCategory

_serial = itertools.count(1)


def org_number(group: str = "7") -> str:
    body = f"{group}69{next(_serial):06d}"
    return body + luhn.calc_check_digit(body)


def make_organisation(
    name: str, kind: str, *, slug: str | None = None, number: str | None = None
) -> Organisation:
    return Organisation.objects.create(
        name=name,
        slug=slug or name.lower().replace(" ", "-"),
        kind=kind,
        org_number=number or org_number("8" if kind == Organisation.Kind.SUPPORT else "7"),
        email=f"info@{(slug or name).lower().replace(' ', '')}.example",
        city="Karlskrona",
    )


def make_municipality(name: str, code: str, number: str) -> Municipality:
    organisation = make_organisation(name, Organisation.Kind.MUNICIPALITY, number=number)
    return Municipality.objects.create(
        organisation=organisation, code=code, name=name.split(" ")[0].removesuffix("s")
    )


def make_category(
    slug: str = "car-care", sv: str = "Biltvätt", en: str = "Car wash"
) -> ServiceCategory:
    category, _ = ServiceCategory.objects.get_or_create(
        slug=slug, defaults={"name_sv": sv, "name_en": en}
    )
    return category


def make_asf(
    name: str,
    municipality: Municipality,
    *,
    slug: str | None = None,
    employees: int = 10,
    participants: int = 20,
    far: int = 20,
) -> AsfProfile:
    organisation = make_organisation(name, Organisation.Kind.ASF, slug=slug)
    profile = AsfProfile.objects.create(
        organisation=organisation,
        legal_form=AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        home_municipality=municipality,
        summary=f"{name} tvättar bilar.",
        employees_count=employees,
        participants_count=participants,
        far_from_labour_market_count=far,
        criterion_integration=True,
        criterion_participation=True,
        criterion_reinvestment=True,
        criterion_independence=True,
    )
    profile.categories.add(make_category())
    return profile


def make_user(
    email: str, role: str, organisation: Organisation | None, *, password: str = "test-pass-123"
) -> User:
    user = User.objects.create_user(
        email=email, password=password, name=email.split("@")[0].title()
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
