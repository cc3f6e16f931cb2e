"""Region Blekinge: five municipalities, Coompanion, twelve ASF and one login per role.

Municipality names and codes are real (SCB). KASAK is real (Tillväxtverket's project
story); its figures here are invented. The other eleven ASF are invented. Everything
invented is marked `is_demo`, and shown as demo data in the interface.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.hashers import make_password
from stdnum import luhn

from inkludera.accounts.models import Membership, Municipality, Organisation, Role, User
from inkludera.demo.registry import DEMO_PASSWORD, DemoContext
from inkludera.directory.models import AsfProfile, Service, ServiceCategory

MUNICIPALITIES = [
    # name, code, organisation number (kommuner have group 2)
    ("Karlskrona kommun", "1080", "2120000811", "Karlskrona"),
    ("Ronneby kommun", "1081", "2120000829", "Ronneby"),
    ("Karlshamns kommun", "1082", "2120000837", "Karlshamn"),
    ("Sölvesborgs kommun", "1083", "2120000845", "Sölvesborg"),
    ("Olofströms kommun", "1060", "2120000803", "Olofström"),
]

CATEGORIES = [
    # slug, Swedish, English, LOU annex 2 (social service)
    ("car-care", "Biltvätt och rekond", "Car wash and reconditioning", False),
    ("garden", "Trädgård och grönyteskötsel", "Gardening and grounds care", False),
    ("it-services", "IT-tjänster", "IT services", False),
    ("cafe-catering", "Café och catering", "Café and catering", False),
    ("second-hand", "Second hand och återbruk", "Second hand and re-use", False),
    ("cleaning", "Städ", "Cleaning", False),
    ("carpentry", "Snickeri", "Carpentry", False),
    ("it-recycling", "IT-återvinning", "IT recycling", False),
    ("dog-day-care", "Hunddagis", "Dog day care", False),
    ("laundry", "Tvätt och textil", "Laundry and textiles", False),
    ("bicycle-repair", "Cykelverkstad", "Bicycle repair", False),
    ("property-care", "Fastighetsskötsel", "Property care", False),
    ("work-training", "Arbetsträning och sysselsättning", "Work training and sysselsättning", True),
]


def demo_org_number(group: str, serial: int) -> str:
    """A valid, invented organisation number: group digit, 9, 6, serial, Luhn check digit."""
    body = f"{group}696{serial:05d}"
    return body + luhn.calc_check_digit(body)


# slug, name, legal form, group, home municipality code, also serves, city, categories,
# summary, employees, participants, far from labour market, founded, services
# (name, category, planned)
ASF = [
    (
        "kasak",
        "KASAK – Karlskrona Sociala Arbetskooperativ",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1080",
        ["1081"],
        "Karlskrona",
        ["car-care", "garden", "it-services", "work-training"],
        "Biltvätt och rekond för Karlskrona kommuns leasingbilar och för privatpersoner.",
        11,
        19,
        24,
        2015,
        [
            ("Utvändig biltvätt", "car-care", False),
            ("Invändig rengöring", "car-care", False),
            ("Helrekond", "car-care", False),
            ("Arbetsträningsplats", "work-training", False),
            ("Trädgårdsskötsel", "garden", True),
            ("IT-hjälp i hemmet", "it-services", True),
        ],
    ),
    (
        "cafe-kajen",
        "Café Kajen",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1080",
        [],
        "Karlskrona",
        ["cafe-catering", "work-training"],
        "Lunchcafé vid hamnen och catering till möten.",
        4,
        9,
        10,
        2012,
        [("Lunch och fika", "cafe-catering", False), ("Mötescatering", "cafe-catering", False)],
    ),
    (
        "cykelverkstan",
        "Cykelverkstan Karlskrona",
        AsfProfile.LegalForm.NON_PROFIT_ASSOCIATION,
        "8",
        "1080",
        [],
        "Karlskrona",
        ["bicycle-repair"],
        "Reparerar och säljer begagnade cyklar.",
        2,
        6,
        6,
        2018,
        [("Cykelservice", "bicycle-repair", False)],
    ),
    (
        "returen",
        "Returen Second Hand",
        AsfProfile.LegalForm.NON_PROFIT_ASSOCIATION,
        "8",
        "1081",
        ["1080"],
        "Ronneby",
        ["second-hand", "work-training"],
        "Second hand-butik och hämtning av möbler.",
        3,
        14,
        13,
        2009,
        [("Hämtning av möbler", "second-hand", False), ("Butik", "second-hand", False)],
    ),
    (
        "grona-hander",
        "Gröna Händer Trädgård",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1081",
        ["1082"],
        "Ronneby",
        ["garden", "property-care"],
        "Skötsel av parker, gårdar och villaträdgårdar.",
        6,
        8,
        9,
        2014,
        [("Gräsklippning", "garden", False), ("Häckklippning", "garden", False)],
    ),
    (
        "rent-och-fint",
        "Städkooperativet Rent & Fint",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1082",
        [],
        "Karlshamn",
        ["cleaning"],
        "Kontors- och hemstädning.",
        7,
        5,
        6,
        2016,
        [("Kontorsstädning", "cleaning", False), ("Hemstädning", "cleaning", False)],
    ),
    (
        "snickeriet-morrum",
        "Snickeriet i Mörrum",
        AsfProfile.LegalForm.LIMITED_COMPANY,
        "5",
        "1082",
        [],
        "Mörrum",
        ["carpentry"],
        "Snickerier, renovering av möbler och enklare byggjobb.",
        3,
        4,
        2,
        2017,
        [("Möbelrenovering", "carpentry", False), ("Platsbyggda hyllor", "carpentry", False)],
    ),
    (
        "bageriet-lyckan",
        "Bageriet Lyckan",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1082",
        [],
        "Karlshamn",
        ["cafe-catering"],
        "Surdegsbröd, bullar och frukostleveranser.",
        5,
        6,
        7,
        2019,
        [("Frukostleverans", "cafe-catering", False)],
    ),
    (
        "it-aterbruket",
        "IT-Återbruket Blekinge",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1083",
        ["1080", "1081", "1082", "1060"],
        "Sölvesborg",
        ["it-recycling", "it-services"],
        "Tar emot, raderar och renoverar datorer och telefoner.",
        5,
        10,
        11,
        2013,
        [
            ("Säker radering och återbruk", "it-recycling", False),
            ("Datorservice", "it-services", False),
        ],
    ),
    (
        "hundgarden",
        "Hundgården Sölvesborg",
        AsfProfile.LegalForm.NON_PROFIT_ASSOCIATION,
        "8",
        "1083",
        [],
        "Sölvesborg",
        ["dog-day-care"],
        "Hunddagis och hundpromenader.",
        2,
        5,
        5,
        2020,
        [("Hunddagis", "dog-day-care", False), ("Hundpromenad", "dog-day-care", False)],
    ),
    (
        "tvatt-textil-olofstrom",
        "Tvätt & Textil Olofström",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1060",
        ["1080"],
        "Olofström",
        ["laundry"],
        "Tvätt av arbetskläder och textilier åt verksamheter.",
        4,
        7,
        8,
        2015,
        [("Tvätt av arbetskläder", "laundry", False)],
    ),
    (
        "olofstroms-fastighetsservice",
        "Olofströms Fastighetsservice",
        AsfProfile.LegalForm.ECONOMIC_ASSOCIATION,
        "7",
        "1060",
        [],
        "Olofström",
        ["property-care", "garden"],
        "Fastighetsskötsel och snöröjning.",
        6,
        3,
        3,
        2011,
        [("Fastighetsskötsel", "property-care", False), ("Snöröjning", "property-care", False)],
    ),
]

# role, email, name, organisation slug (None for customers)
USERS = [
    (Role.SUPPORT_STAFF, "stod@coompanion.example", "Maria Holm", "coompanion-blekinge"),
    (Role.ASF_MANAGER, "chef@kasak.example", "Anders Berg", "kasak"),
    (Role.SUPERVISOR, "handledare@kasak.example", "Fatima Ali", "kasak"),
    (Role.EMPLOYEE, "anstalld@kasak.example", "Erik Nilsson", "kasak"),
    (Role.MUNICIPAL_BUYER, "inkop@karlskrona.example", "Karin Ek", "karlskrona-kommun"),
    (Role.PLACEMENT_OFFICER, "handlaggare@karlskrona.example", "Jonas Lund", "karlskrona-kommun"),
    (Role.CUSTOMER, "kund@example.com", "Lena Svensson", None),
    (Role.MUNICIPAL_BUYER, "inkop@ronneby.example", "Per Sjöberg", "ronneby-kommun"),
    (Role.ASF_MANAGER, "chef@cafekajen.example", "Sofia Wennerberg", "cafe-kajen"),
]


def seed(context: DemoContext) -> None:
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    municipalities = _municipalities()
    _support_organisation()
    categories = _categories()
    for row in ASF:
        _asf(row, municipalities, categories, context.today)
    for role, email, name, slug in USERS:
        _user(role, email, name, slug, password)
        context.logins.append(
            (role.value, email, f"{Role(role).label}" + (f" – {slug}" if slug else ""))
        )
    context.log(f"{len(ASF)} ASF, {len(municipalities)} municipalities, {len(USERS)} logins")


def _municipalities() -> dict[str, Municipality]:
    result = {}
    for name, code, org_number, city in MUNICIPALITIES:
        organisation, _ = Organisation.objects.get_or_create(
            org_number=org_number,
            defaults={
                "name": name,
                "slug": name.lower()
                .replace(" ", "-")
                .replace("ö", "o")
                .replace("å", "a")
                .replace("ä", "a"),
                "kind": Organisation.Kind.MUNICIPALITY,
                "city": city,
                "email": f"kommun@{city.lower().replace('ö', 'o')}.example",
            },
        )
        municipality, _ = Municipality.objects.get_or_create(
            organisation=organisation, defaults={"code": code, "name": city}
        )
        result[code] = municipality
    return result


def _support_organisation() -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug="coompanion-blekinge",
        defaults={
            "name": "Coompanion Blekinge",
            "kind": Organisation.Kind.SUPPORT,
            "org_number": demo_org_number("7", 1),
            "city": "Karlskrona",
            "email": "blekinge@coompanion.example",
            "is_demo": True,
        },
    )
    return organisation


def _categories() -> dict[str, ServiceCategory]:
    result = {}
    for slug, sv, en, social in CATEGORIES:
        category, _ = ServiceCategory.objects.get_or_create(
            slug=slug, defaults={"name_sv": sv, "name_en": en, "is_social_service": social}
        )
        result[slug] = category
    return result


def _asf(
    row: tuple,
    municipalities: dict[str, Municipality],
    categories: dict[str, ServiceCategory],
    today: datetime.date,
) -> AsfProfile:
    (
        slug,
        name,
        legal_form,
        group,
        home,
        serves,
        city,
        cats,
        summary,
        employees,
        participants,
        far,
        founded,
        services,
    ) = row
    serial = 100 + [r[0] for r in ASF].index(slug)
    organisation, _created = Organisation.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": Organisation.Kind.ASF,
            "org_number": demo_org_number(group, serial),
            "city": city,
            "email": f"info@{slug}.example",
            "phone": f"0455-{30 + serial % 60:02d} {10 + serial % 80:02d} 00",
            "street_address": "Verkstadsgatan 4" if slug == "kasak" else "Storgatan 1",
            "postal_code": "371 30" if home == "1080" else "370 00",
            "is_demo": True,
        },
    )
    profile, _ = AsfProfile.objects.get_or_create(
        organisation=organisation,
        defaults={
            "legal_form": legal_form,
            "home_municipality": municipalities[home],
            "summary": summary,
            "description": _description(slug),
            "founded_year": founded,
            "criterion_integration": True,
            "criterion_participation": True,
            "criterion_reinvestment": True,
            "criterion_independence": True,
            "criteria_checked_on": today - datetime.timedelta(days=90),
            "employees_count": employees,
            "participants_count": participants,
            "far_from_labour_market_count": far,
            "workforce_counted_on": today - datetime.timedelta(days=30),
        },
    )
    profile.municipalities_served.add(*[municipalities[c] for c in serves])
    profile.categories.add(*[categories[c] for c in cats])
    for service_name, category, planned in services:
        Service.objects.get_or_create(
            asf=organisation,
            name=service_name,
            defaults={
                "category": categories[category],
                "is_active": not planned,
                "is_planned": planned,
            },
        )
    return profile


def _description(slug: str) -> str:
    if slug == "kasak":
        return (
            "KASAK knoppades av från Karlskrona kommun 2015. Vi tvättar och rekonditionerar "
            "kommunens leasingbilar och privatpersoners bilar, och har en liten verkstad. "
            "Kommunen köper både biltvätt och arbetsträning av oss. Alla anställda erbjuds "
            "medlemskap i kooperativet efter sex månader. Vi planerar att starta trädgårds- "
            "och IT-tjänster."
        )
    return ""


def _user(role: str, email: str, name: str, slug: str | None, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, password=password, name=name)
    organisation = Organisation.objects.get(slug=slug) if slug else None
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user
