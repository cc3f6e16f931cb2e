"""Six incubator ventures at different stages, in two programmes (all invented, demo data).

"Blinken" is the name the brief gives the incubator (no stored source confirms it). The
current programme takes applications; the 2016–2018 round belonged to the EU project and
produced Cykelverkstan Karlskrona, which is in the directory.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from inkludera.accounts.models import Municipality, Organisation, User
from inkludera.demo.registry import DemoContext
from inkludera.support.euproject.demo import ADVISOR, demo_project, demo_user
from inkludera.support.incubator.models import (
    ChecklistItem,
    ChecklistTick,
    Meeting,
    Programme,
    Stage,
    StageChange,
    Venture,
)

CHECKLIST = {
    Stage.IDEA: ["ASF-kriterierna genomgångna och förstådda", "Målgrupp och behov beskrivna"],
    Stage.PRE_STUDY: [
        "Marknad undersökt, första kundsamtal",
        "Juridisk form vald (ekonomisk förening)",
    ],
    Stage.BUSINESS_PLAN: [
        "Affärsplan skriven",
        "Finansieringsplan",
        "Handledarkompetens säkrad",
    ],
    Stage.START_UP: [
        "Styrelse och stadgar",
        "Organisationsnummer och F-skatt",
        "En första kund",
    ],
}

CONSENT = (
    "Jag samtycker till att Coompanion sparar min idé och mina kontaktuppgifter för att "
    "handleda mig i inkubatorn. Jag kan när som helst be att de raderas."
)


def seed(context: DemoContext) -> None:
    today = context.today
    project = demo_project(context)
    current, _ = Programme.objects.get_or_create(
        name="Blinken",
        defaults={
            "description": "Inkubatorn för nya arbetsintegrerande sociala företag i Blekinge.",
            "accepts_applications": True,
            "is_demo": True,
        },
    )
    earlier, _ = Programme.objects.get_or_create(
        name="Blinken 2016–2018 (ERUF)",
        defaults={
            "description": "Inkubatorns första omgång, inom EU-projektet.",
            "accepts_applications": False,
            "project": project,
            "is_demo": True,
        },
    )
    for programme in (current, earlier):
        for stage, texts in CHECKLIST.items():
            for position, text in enumerate(texts):
                ChecklistItem.objects.get_or_create(
                    programme=programme, stage=stage, text=text, defaults={"position": position}
                )
    maria = User.objects.get(email="stod@coompanion.example")
    johan = demo_user(*ADVISOR, can_log_in=True)
    code = {m.code: m for m in Municipality.objects.all()}
    days = datetime.timedelta
    ventures = [
        _venture(
            current,
            "Cykelköket",
            "Ett café med cykelverkstad där unga utan jobb lagar cyklar och serverar fika.",
            "Unga vuxna 18–25 år som varken arbetar eller studerar. Kunder: pendlare och skolor.",
            code["1080"],
            "Amira Hassan",
            "amira@example.com",
            None,
            [(Stage.IDEA, today - days(5))],
            [],
            ticks=0,
        ),
        _venture(
            current,
            "Återbruk Olofström",
            "Second hand och reparation av möbler, med hämtning hos privatpersoner.",
            "Personer med lång tid utan arbete, många med funktionsnedsättning.",
            code["1060"],
            "Bengt Olsson",
            "bengt@example.com",
            maria,
            [(Stage.IDEA, today - days(70)), (Stage.PRE_STUDY, today - days(44))],
            [
                (today - days(60), 60, "Första mötet: idén och ASF-kriterierna."),
                (today - days(45), 90, "Genomgång av lokaler och marknad."),
            ],
            ticks=3,
        ),
        _venture(
            current,
            "Grönt om hörnet",
            "Trädgårdsskötsel åt bostadsbolag och villaägare (RUT).",
            "Nyanlända och personer i arbetsträning via kommunen.",
            code["1081"],
            "Lejla Mehmedović",
            "lejla@example.com",
            johan,
            [
                (Stage.IDEA, today - days(150)),
                (Stage.PRE_STUDY, today - days(110)),
                (Stage.BUSINESS_PLAN, today - days(20)),
            ],
            [
                (today - days(140), 60, "Idén och målgruppen."),
                (today - days(100), 90, "Marknad: tre bostadsbolag intresserade."),
                (today - days(10), 120, "Affärsplanens första utkast."),
            ],
            ticks=5,
        ),
        _venture(
            current,
            "Städpatrullen Karlshamn",
            "Kontorsstädning och trappstädning med fasta kunder.",
            "Kvinnor med lång tid utan arbete; kunder: bostadsrättsföreningar och kontor.",
            code["1082"],
            "Helena Persson",
            "helena@example.com",
            johan,
            [
                (Stage.IDEA, today - days(300)),
                (Stage.PRE_STUDY, today - days(260)),
                (Stage.BUSINESS_PLAN, today - days(180)),
                (Stage.START_UP, today - days(35)),
            ],
            [
                (today - days(290), 60, "Första mötet."),
                (today - days(200), 90, "Finansieringsplan och styrelse."),
                (today - days(33), 60, "Ekonomisk förening registrerad; F-skatt sökt."),
            ],
            ticks=9,
            org_number="7696900021",
        ),
        _venture(
            current,
            "Matlådan Sölvesborg",
            "Matlådor till äldre, lagade i en skolköksmiljö på eftermiddagar.",
            "Personer i sysselsättning via socialtjänsten.",
            code["1083"],
            "Per Nyström",
            "per@example.com",
            maria,
            [
                (Stage.IDEA, today - days(200)),
                (Stage.PRE_STUDY, today - days(150)),
                (Stage.ENDED, today - days(60)),
            ],
            [
                (today - days(190), 60, "Idén."),
                (today - days(130), 60, "Kök saknas; alternativ diskuterade."),
            ],
            ticks=2,
            ended_reason="Idégivaren fick anställning på annat håll; inget kök fanns att hyra.",
        ),
        _venture(
            earlier,
            "Cykelverkstan",
            "Reparera och sälja begagnade cyklar, service åt kommunens tjänstecyklar.",
            "Unga vuxna och nyanlända som behöver arbetslivserfarenhet.",
            code["1080"],
            "Cykelverkstans styrelse",
            "info@cykelverkstan.example",
            maria,
            [
                (Stage.IDEA, datetime.date(2016, 2, 10)),
                (Stage.PRE_STUDY, datetime.date(2016, 4, 1)),
                (Stage.BUSINESS_PLAN, datetime.date(2016, 9, 15)),
                (Stage.START_UP, datetime.date(2017, 3, 1)),
                (Stage.ESTABLISHED, datetime.date(2018, 3, 20)),
            ],
            [
                (datetime.date(2016, 2, 24), 60, "Idén och ASF-kriterierna."),
                (datetime.date(2016, 5, 10), 90, "Lokal i Karlskrona, marknad."),
                (datetime.date(2016, 11, 3), 120, "Affärsplan."),
                (datetime.date(2017, 4, 5), 60, "Styrelse och stadgar, ideell förening."),
                (datetime.date(2017, 10, 12), 90, "Första kunden: kommunens tjänstecyklar."),
                (datetime.date(2018, 3, 20), 60, "Registrerad i katalogen."),
            ],
            ticks=10,
            organisation=Organisation.objects.filter(slug="cykelverkstan").first(),
        ),
    ]
    context.log(f"{len(ventures)} incubator ventures")


def _venture(
    programme: Programme,
    name: str,
    idea: str,
    target_group: str,
    municipality: Municipality,
    contact_name: str,
    email: str,
    advisor: User | None,
    stages: list[tuple[str, datetime.date]],
    meetings: list[tuple[datetime.date, int, str]],
    *,
    ticks: int,
    org_number: str = "",
    ended_reason: str = "",
    organisation: Organisation | None = None,
) -> Venture:
    existing = Venture.objects.filter(programme=programme, name=name).first()
    if existing is not None:
        return existing
    applied = stages[0][1]
    stage, entered = stages[-1]
    venture = Venture.objects.create(
        programme=programme,
        name=name,
        idea=idea,
        target_group=target_group,
        municipality=municipality,
        contact_name=contact_name,
        contact_email=email,
        consent_given_at=timezone.make_aware(datetime.datetime.combine(applied, datetime.time(10))),
        consent_text=CONSENT,
        stage=stage,
        stage_entered_on=entered,
        applied_on=applied,
        advisor=advisor,
        org_number=organisation.org_number if organisation else org_number,
        organisation=organisation,
        established_on=entered if stage == Stage.ESTABLISHED else None,
        ended_reason=ended_reason,
        is_demo=True,
    )
    previous = ""
    for to_stage, day in stages:
        StageChange.objects.create(
            venture=venture,
            from_stage=previous,
            to_stage=to_stage,
            changed_on=day,
            changed_by=advisor if previous else None,
            note=ended_reason if to_stage == Stage.ENDED else "",
        )
        previous = to_stage
    Meeting.objects.bulk_create(
        Meeting(
            venture=venture,
            advisor=advisor,
            held_on=day,
            minutes=minutes,
            notes=f"{notes} (demodata)",
            next_steps="",
            is_demo=True,
        )
        for day, minutes, notes in meetings
    )
    items = ChecklistItem.objects.filter(programme=programme).order_by("stage", "position")
    ordered = sorted(items, key=lambda i: ([s.value for s in CHECKLIST].index(i.stage), i.position))
    ChecklistTick.objects.bulk_create(
        ChecklistTick(venture=venture, item=item, done_on=entered, done_by=advisor)
        for item in ordered[:ticks]
    )
    return venture
