"""Karlskrona's "Policy för arbetet med sociala företag" in two versions, and a working group.

Real: the policy's title and what it says (summarised in DOMAIN.md from Karlskrona's
page: promote work for people far from the labour market, cooperate with ASF on
rehabilitation and work training, cooperation agreements, more social enterprises every
year, no unfair competition). Invented and marked demo data: the dates, the limits of
version 1, reserved areas, how places are agreed, the commitments, the contact person,
and the working group with its members, notes and goals.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from inkludera.accounts.models import Municipality, Organisation
from inkludera.demo.registry import DemoContext
from inkludera.support.euproject.demo import demo_project
from inkludera.support.policies.models import (
    GroupGoal,
    GroupMeeting,
    MunicipalPolicy,
    WorkingGroup,
    WorkingGroupMember,
)

TITLE = "Policy för arbetet med sociala företag"
SUMMARY = (
    "Kommunen ska främja arbete för personer som står långt från arbetsmarknaden, stärka "
    "deras egenförsörjning och minska bidragsberoendet. Kommunen ska samarbeta med "
    "arbetsintegrerande sociala företag om personer som behöver rehabilitering och "
    "arbetsträning, och skapa långsiktiga förutsättningar för fler sociala företag genom "
    "samarbetsavtal.\n\n"
    "Mål: antalet kooperativa och sociala företag i kommunen ska öka varje år.\n\n"
    "Policyn ska också förebygga upplevd osund konkurrens med det privata näringslivet, och "
    "låta varje förvaltning se sin egen roll i arbetet.\n\n"
    "(Sammanfattning av Karlskrona kommuns policy. Datum, gränser, kontaktperson och "
    "åtaganden i demon är påhittade.)"
)
VERSIONS = [
    {
        "version": 1,
        "valid_from": datetime.date(2016, 6, 1),
        "change_note": "Första versionen i Inkludera (datumet är demodata).",
        "direct_procurement_limit": Decimal("534890"),
        "social_services_limit": Decimal("7000000"),
        "documentation_threshold": Decimal("100000"),
        "reserves_contracts": False,
        "reserved_areas": "",
        "places_agreements": (
            "Arbetsmarknadsenheten köper arbetsträningsplatser av ASF efter individuell "
            "bedömning. (Demodata.)"
        ),
        "commitments": (
            "Varje förvaltning ser över vilka tjänster som kan köpas av ASF. (Demodata.)"
        ),
    },
    {
        "version": 2,
        "valid_from": datetime.date(2022, 2, 1),
        "change_note": (
            "Ny direktupphandlingsgräns enligt LOU 19 kap. 8 § från 2022-02-01; reserverade "
            "kontrakt och samarbetsavtal om platser införda. (Versionen är demodata.)"
        ),
        "direct_procurement_limit": Decimal("700000"),
        "social_services_limit": Decimal("8109450"),
        "documentation_threshold": Decimal("100000"),
        "reserves_contracts": True,
        "reserved_areas": "Fordonsvård, tvätt av arbetskläder, enklare fastighetsskötsel (demodata)",
        "places_agreements": (
            "Arbetsmarknadsenheten tecknar samarbetsavtal om arbetsträningsplatser med ASF. "
            "Avtalet anger antal platser, pris per plats och månad, och hur närvaro och "
            "resultat rapporteras varje månad. (Demodata.)"
        ),
        "commitments": (
            "Kommunen prövar reserverade upphandlingar där det går, bjuder in ASF till "
            "dialog före varje upphandling i de utpekade områdena, och följer upp antalet ASF "
            "och köpen från dem en gång om året. (Demodata.)"
        ),
    },
]


def seed(context: DemoContext) -> None:
    karlskrona = Municipality.objects.get(code="1080")
    for fields in VERSIONS:
        MunicipalPolicy.objects.get_or_create(
            municipality=karlskrona,
            version=fields["version"],
            defaults={
                **fields,
                "title": TITLE,
                "summary": SUMMARY,
                "document_url": "https://www.karlskrona.se/sv/Arbete--Foretag/naringslivsnyheter/Policy-for-arbetet-med-sociala-foretag/",
                "contact_name": "Karin Ek, upphandlingsenheten (demodata)",
                "contact_email": "inkop@karlskrona.example",
                "contact_phone": "0455-30 30 00",
                "is_demo": True,
            },
        )
    _working_group(context, karlskrona)
    context.log("Karlskrona's policy (2 versions), 1 working group")


def _working_group(context: DemoContext, karlskrona: Municipality) -> None:
    project = demo_project(context)
    group, _ = WorkingGroup.objects.get_or_create(
        name="Arbetsgruppen för sociala företag i Karlskrona",
        defaults={
            "municipality": karlskrona,
            "purpose": (
                "Följer upp kommunens policy för arbetet med sociala företag och tar fram "
                "samarbetsavtal om arbetsträningsplatser. (Demodata.)"
            ),
            "is_demo": True,
        },
    )
    members = [
        ("Karin Ek", "karlskrona-kommun", "Upphandlare, sammankallande"),
        ("Jonas Lund", "karlskrona-kommun", "Arbetsmarknadsenheten"),
        ("Maria Holm", "coompanion-blekinge", "Coompanion, projektledare"),
        ("Anders Berg", "kasak", "Verksamhetsledare"),
    ]
    for name, slug, role in members:
        WorkingGroupMember.objects.get_or_create(
            group=group,
            name=name,
            defaults={
                "organisation": Organisation.objects.filter(slug=slug).first(),
                "role": role,
                "joined_on": datetime.date(2016, 9, 1),
            },
        )
    notes = [
        (
            datetime.date(2017, 3, 8),
            "Genomgång av policyn och vilka förvaltningar som köper av ASF i dag.",
            "Arbetsmarknadsenheten tar fram ett förslag till samarbetsavtal.",
        ),
        (
            datetime.date(2017, 11, 15),
            "Uppföljning efter Näringslivsdagarna: fem ASF ställde ut.",
            "Pröva reserverad upphandling av fordonsvård 2018.",
        ),
    ]
    for day, text, decisions in notes:
        GroupMeeting.objects.get_or_create(
            group=group,
            held_on=day,
            defaults={
                "attendees": "Karin Ek, Jonas Lund, Maria Holm, Anders Berg",
                "notes": f"{text} (Demodata.)",
                "decisions": decisions,
                "is_demo": True,
            },
        )
    goals = [
        (
            "Antalet sociala företag i kommunen ökar varje år",
            datetime.date(2018, 12, 31),
            "open",
            "CO05",
        ),
        (
            "Samarbetsavtal om arbetsträningsplatser med minst tre ASF",
            datetime.date(2018, 6, 30),
            "reached",
            "CO01",
        ),
        ("En reserverad upphandling genomförd", datetime.date(2018, 12, 31), "open", ""),
    ]
    for text, due, status, indicator in goals:
        GroupGoal.objects.get_or_create(
            group=group,
            text=text,
            defaults={
                "due_on": due,
                "status": status,
                "project": project,
                "indicator": indicator,
                "is_demo": True,
            },
        )
