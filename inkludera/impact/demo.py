"""Social value in the Blekinge demo: the default Swedish parameter set (version 1) and
hand-entered figures for KASAK 2025 and 2026, Café Kajen 2025 and Returen 2025.

Every parameter value names its source from research-socioeconomic.md (title, address,
price year). Where the notes hold no public figure, the value is marked an assumption for
the support structure to set. Every ASF figure is invented and marked `is_demo`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from inkludera.accounts.models import Organisation
from inkludera.demo.registry import DemoContext
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
from inkludera.impact.terms import Actor, Category, Outcome, PersonKind, ProxyBasis, QuantityBasis

A = Actor
C = Category

# --- sources (research-socioeconomic.md) ---------------------------------------------------

SROI_GUIDE = (
    "A Guide to Social Return on Investment (Cabinet Office 2009, uppdaterad 2012, "
    "SROI Network / Social Value UK), enligt research-socioeconomic.md §4.3",
    "https://www.scribd.com/document/538762183/A-Guide-to-Social-Return-on-Investment",
)
ILLUSTRATION = (
    "Räkneexempel i research-socioeconomic.md §1.5 (konstruerat, inte ur en rapport)",
    "",
)
KOS = (
    "Nilsson & Wadeskog, Bättre & Billigare – socioekonomiskt bokslut för KOS och Briggen, "
    "2007 (P4: 150 000–300 000 kr per person och år)",
    "http://www.seeab.se/SocKoop/SocEkSocKoop_070615b.htm",
)
METADON = (
    "Nilsson & Wadeskog, Varje drogfri dag en framgång – socioekonomiskt bokslut för "
    "metadonprogrammet i Stockholm, 2008 (P7: 2,1–2,3 Mkr per person och år)",
    "https://seeab.se/Metadon/Metadon2008.htm",
)
YOUTH = (
    "Ingvar Nilsson om unga som kommer sent in på arbetsmarknaden, ca 2015 "
    "(P17: ≈2,3 Mkr för fem års fördröjning)",
    "https://anhoriga.se/information-in-english/articles/ingvar-nilsson/",
)
TELGE = (
    "Nilsson Lundmark & Nilsson, Telge Hovsjö, 2013 (P16: 72 Mkr över 15 år för 9 personer, "
    "≈0,53 Mkr per person och år)",
    "https://rebeccaallenlamptey.wordpress.com/2013/02/02/11100-telge-hovsjo-manniskor-ar-inte-kostnader-de-ar-resurser/",
)
CHAC = (
    "SVA Consulting, Youth Prevention and Diversion, Circular Head Aboriginal Corporation, "
    "2014, bilaga 6 (deadweight 25 %, 2 år, 50 % avtrappning)",
    "https://www.niaa.gov.au/sites/default/files/publications/indigenous/Youth-Prevention-and-Diversion-Circular-Head-Aboriginal-Corporation/chac_ypd_forecast_sroi-app6.htm",
)
NO_SOURCE = ("", "")

CPI_NOTE = (
    "Antagande: ungefärligt årsmedeltal (KPI, 1980=100) ur minnet, inte kontrollerat mot "
    "SCB i detta underlag. Stödstrukturen för in SCB:s fastställda värden."
)

# Approximate annual averages of the Swedish KPI (1980 = 100): assumptions, see CPI_NOTE.
CPI = {
    2005: "280.0",
    2006: "283.7",
    2007: "290.5",
    2008: "300.5",
    2009: "299.0",
    2010: "302.5",
    2011: "311.4",
    2012: "314.2",
    2013: "314.1",
    2014: "313.5",
    2015: "313.4",
    2016: "316.4",
    2017: "322.1",
    2018: "328.4",
    2019: "334.5",
    2020: "335.0",
    2021: "343.2",
    2022: "372.0",
    2023: "394.4",
    2024: "405.5",
    2025: "409.0",
}

# key, value, price year, source, note, assumption
RATES: list[tuple[str, str, int | None, tuple[str, str], str, bool]] = [
    (
        "production_value_per_hour",
        "150",
        2025,
        NO_SOURCE,
        "Antagande: värdet av en arbetad timme i enkla tjänster (biltvätt, städ, café) till "
        "marknadspris minus material. Ingen offentlig siffra i underlaget; stödstrukturen "
        "fastställer.",
        True,
    ),
    (
        "employer_fee_rate",
        "31.42",
        None,
        NO_SOURCE,
        "Antagande: full arbetsgivaravgift enligt vår kännedom (2025), inte hämtad ur "
        "underlaget. Kontrollera hos Skatteverket; lägre avgift gäller för unga och äldre.",
        True,
    ),
    (
        "municipal_tax_rate",
        "13",
        None,
        NO_SOURCE,
        "Antagande: effektiv skatt till kommunen på låga inkomster, efter grundavdrag och "
        "jobbskatteavdrag (den nominella kommunalskatten är högre). Stödstrukturen fastställer.",
        True,
    ),
    (
        "regional_tax_rate",
        "7",
        None,
        NO_SOURCE,
        "Antagande: effektiv skatt till regionen på låga inkomster, efter grundavdrag och "
        "jobbskatteavdrag. Stödstrukturen fastställer.",
        True,
    ),
    (
        "discount_rate",
        "3.5",
        None,
        SROI_GUIDE,
        "SROI-guiden föreslår Green Book-räntan 3,5 %; används också för prognoserna.",
        False,
    ),
    (
        "stay_in_work_rate",
        "85",
        None,
        NO_SOURCE,
        "Antagande: andelen som stannar kvar i arbete varje år efter bokslutsåret. Ingen "
        "offentlig siffra i underlaget; stödstrukturen fastställer.",
        True,
    ),
]

# key, name, description, anchor note, lines: (actor, category, what, amount, price year,
# taxable, source)
SITUATIONS: list[tuple[str, str, str, str, list[tuple]]] = [
    (
        "forsorjningsstod",
        "Försörjningsstöd, med boende",
        "Långvarigt beroende av försörjningsstöd; boendekostnaden ingår i stödet.",
        "Antagande. Försörjningsstödet följer räkneexemplet i underlaget (120 000 kr/år); "
        "övriga poster saknar offentlig siffra och sätts av stödstrukturen.",
        [
            (
                A.MUNICIPALITY,
                C.TRANSFERS,
                "Försörjningsstöd inkl. boende",
                120000,
                2025,
                False,
                ILLUSTRATION,
            ),
            (
                A.MUNICIPALITY,
                C.CARE,
                "Socialtjänstens handläggning och insatser",
                30000,
                2025,
                False,
                NO_SOURCE,
            ),
            (A.REGION, C.CARE, "Primärvård och psykiatri", 15000, 2025, False, NO_SOURCE),
            (
                A.EMPLOYMENT_SERVICE,
                C.CARE,
                "Arbetsförmedlingens insatser",
                10000,
                2025,
                False,
                NO_SOURCE,
            ),
        ],
    ),
    (
        "sjukersattning",
        "Långvarigt sjuk med sjukersättning",
        "Psykisk eller fysisk ohälsa, sjukersättning från Försäkringskassan, stöd i vardagen.",
        "Summan (190 000 kr, 2007 års priser) ligger inom spannet i P4; fördelningen per "
        "aktör är ett antagande.",
        [
            (A.SOCIAL_INSURANCE, C.TRANSFERS, "Sjukersättning", 100000, 2007, True, KOS),
            (A.REGION, C.CARE, "Psykiatrisk och somatisk vård", 50000, 2007, False, KOS),
            (A.MUNICIPALITY, C.CARE, "Boendestöd och sysselsättning", 40000, 2007, False, KOS),
        ],
    ),
    (
        "missbruk",
        "Missbruk med vård- och brottskostnader",
        "Aktivt missbruk med vård, placeringar, brottslighet och kostnader för brottsoffer.",
        "Summan (2,1 Mkr, 2007 års priser) följer P7:s nedre värde; fördelningen per aktör "
        "är ett antagande (Great Corner-rapporten lägger en stor del på företag och "
        "privatpersoner, §1.2).",
        [
            (A.MUNICIPALITY, C.CARE, "Missbruksvård och placeringar", 550000, 2007, False, METADON),
            (A.MUNICIPALITY, C.TRANSFERS, "Försörjningsstöd", 100000, 2007, False, METADON),
            (
                A.REGION,
                C.CARE,
                "Beroendevård, akut och somatisk vård",
                250000,
                2007,
                False,
                METADON,
            ),
            (
                A.JUSTICE,
                C.CRIME,
                "Polis, åklagare, domstol och kriminalvård",
                700000,
                2007,
                False,
                METADON,
            ),
            (
                A.OTHERS,
                C.CRIME,
                "Brottsoffer och näringsliv (stölder, skador)",
                500000,
                2007,
                False,
                METADON,
            ),
        ],
    ),
    (
        "ung-utanfor",
        "Ung, varken i arbete eller studier",
        "Ung vuxen utan arbete och studier, med försörjningsstöd och insatser.",
        "P17 (≈460 000 kr per år) innefattar produktionsbortfall, som här räknas fram ur "
        "arbetade timmar; resten (185 000 kr, ca 2015 års priser) fördelat per aktör som "
        "antagande.",
        [
            (A.MUNICIPALITY, C.TRANSFERS, "Försörjningsstöd", 80000, 2015, False, YOUTH),
            (
                A.MUNICIPALITY,
                C.CARE,
                "Socialtjänst och kommunala insatser",
                40000,
                2015,
                False,
                YOUTH,
            ),
            (A.EMPLOYMENT_SERVICE, C.CARE, "Arbetsmarknadsinsatser", 30000, 2015, False, YOUTH),
            (A.REGION, C.CARE, "Vård", 15000, 2015, False, YOUTH),
            (A.JUSTICE, C.CRIME, "Rättsväsendet", 20000, 2015, False, YOUTH),
        ],
    ),
    (
        "nyanland",
        "Nyanländ i etableringsprogrammet",
        "Nyanländ med etableringsersättning, SFI och Arbetsförmedlingens insatser.",
        "Antagande: underlaget har ingen offentlig siffra för typsituationen; "
        "etableringsersättningen antas vara skattefri. Stödstrukturen fastställer.",
        [
            (
                A.EMPLOYMENT_SERVICE,
                C.TRANSFERS,
                "Etableringsersättning",
                110000,
                2025,
                False,
                NO_SOURCE,
            ),
            (A.EMPLOYMENT_SERVICE, C.CARE, "Etableringsinsatser", 40000, 2025, False, NO_SOURCE),
            (A.MUNICIPALITY, C.CARE, "SFI och samhällsorientering", 35000, 2025, False, NO_SOURCE),
            (A.REGION, C.CARE, "Vård", 10000, 2025, False, NO_SOURCE),
        ],
    ),
]

OUTCOMES: list[dict[str, Any]] = [
    {
        "key": "costs-while-working",
        "stakeholder": "Samhället (alla aktörer)",
        "name": "Minskat utanförskap under tiden i företaget",
        "indicator": "Personår i företaget",
        "quantity_basis": QuantityBasis.PERSON_YEARS,
        "proxy_basis": ProxyBasis.ACCOUNT,
        "proxy": None,
        "price_year": None,
        "deadweight": 10,
        "displacement": 5,
        "attribution": 10,
        "drop_off": 0,
        "duration": 1,
        "starts_year_after": False,
        "source": ("Det socioekonomiska bokslutet i samma beräkning", ""),
        "note": "Proxyn är bokslutets reala effekt per personår. Deadweight, undanträngning "
        "och tillskrivning är antaganden för stödstrukturen att sätta.",
    },
    {
        "key": "job-after-exit",
        "stakeholder": "Personen och samhället",
        "name": "Arbete efter tiden i företaget",
        "indicator": "Personer som gick vidare till arbete",
        "quantity_basis": QuantityBasis.EXITS_TO_WORK,
        "proxy_basis": ProxyBasis.PARAMETER,
        "proxy": 530000,
        "price_year": 2013,
        "deadweight": 25,
        "displacement": 0,
        "attribution": 20,
        "drop_off": 20,
        "duration": 5,
        "starts_year_after": True,
        "source": TELGE,
        "note": "Proxyn är P16. Deadweight, tillskrivning och avtrappning är antaganden "
        "(skalan 0/25/50/75/100 % i underlaget, §4.3).",
    },
    {
        "key": "wellbeing",
        "stakeholder": "Personen",
        "name": "Bättre hälsa och självkänsla",
        "indicator": "Personer som arbetat i företaget",
        "quantity_basis": QuantityBasis.PEOPLE,
        "proxy_basis": ProxyBasis.PARAMETER,
        "proxy": 20000,
        "price_year": 2025,
        "deadweight": 25,
        "displacement": 0,
        "attribution": 25,
        "drop_off": 50,
        "duration": 2,
        "starts_year_after": False,
        "source": CHAC,
        "note": "Filtren följer CHAC (§4.3). Proxyn 20 000 kr är ett antagande: ingen svensk "
        "siffra i underlaget.",
    },
]


DECIMAL_KEYS = {"proxy", "deadweight", "displacement", "attribution", "drop_off"}


def seed(context: DemoContext) -> None:
    version = seed_parameters()
    context.log(f"impact: parameter set version {version.number}")
    kasak = Organisation.objects.filter(slug="kasak").first()
    if kasak is None:
        return
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for slug, year, people, sales, grant in DEMO_FIGURES:
        asf = organisations.get(slug)
        if asf is not None:
            _seed_year(asf, year, people, sales, grant, organisations)
    _publish_kasak_2025(kasak, version)
    context.log("impact: KASAK 2025 and 2026, Café Kajen 2025, Returen 2025")


def seed_parameters() -> ParameterVersion:
    """The default Swedish parameter set, version 1 (published). Idempotent."""
    parameter_set, _ = ParameterSet.objects.get_or_create(
        slug="sverige",
        defaults={
            "name": "Sverige – standard",
            "description": "Kostnader för typsituationer, skatter och avgifter, KPI och "
            "SROI-karta för svenska ASF. Källor enligt research-underlaget; värden utan "
            "offentlig källa är markerade som antaganden.",
            "is_default": True,
            "is_demo": True,
        },
    )
    version = ParameterVersion.objects.filter(parameter_set=parameter_set, number=1).first()
    if version is not None:
        return version
    version = ParameterVersion.objects.create(
        parameter_set=parameter_set,
        number=1,
        status=ParameterVersion.Status.PUBLISHED,
        change_note="Första versionen, byggd på research-underlaget.",
        published_at=timezone.now(),
    )
    PriceIndex.objects.bulk_create(
        [
            PriceIndex(
                version=version,
                year=year,
                value=Decimal(value),
                source_title="SCB, Konsumentprisindex (KPI), årsmedeltal, 1980=100",
                note=CPI_NOTE,
                is_assumption=True,
            )
            for year, value in CPI.items()
        ]
    )
    Rate.objects.bulk_create(
        [
            Rate(
                version=version,
                key=key,
                value=Decimal(value),
                price_year=price_year,
                source_title=source[0],
                source_url=source[1],
                note=note,
                is_assumption=assumption,
            )
            for key, value, price_year, source, note, assumption in RATES
        ]
    )
    for position, (key, name, description, note, lines) in enumerate(SITUATIONS):
        situation = Situation.objects.create(
            version=version, key=key, name=name, description=description, position=position
        )
        SituationCost.objects.bulk_create(
            [
                SituationCost(
                    situation=situation,
                    actor=actor,
                    category=category,
                    description=what,
                    amount=Decimal(amount),
                    price_year=price_year,
                    taxable=taxable,
                    source_title=source[0],
                    source_url=source[1],
                    note=note,
                    is_assumption=True,
                )
                for actor, category, what, amount, price_year, taxable, source in lines
            ]
        )
    for position, outcome in enumerate(OUTCOMES):
        data = dict(outcome)
        source = data.pop("source")
        ImpactOutcome.objects.create(
            version=version,
            position=position,
            source_title=source[0],
            source_url=source[1],
            is_assumption=True,
            **{
                k: (Decimal(v) if k in DECIMAL_KEYS and v is not None else v)
                for k, v in data.items()
            },
        )
    return version


# --- the ASF's figures (invented) ---------------------------------------------------------

E, P = PersonKind.EMPLOYEE, PersonKind.PARTICIPANT
KOMMUN = "karlskrona-kommun"


def person(
    label: str,
    count: int,
    kind: str,
    situation: str,
    *,
    months: str = "12",
    hours: int,
    wage: int = 0,
    subsidy: int = 0,
    place: int = 0,
    paid_by: str = "",
    buyer: str = "",
    share: int = 100,
    transfers: int = 0,
    care: int = 100,
    crime: int = 100,
    other: int = 0,
    other_by: str = "",
    outcome: str = Outcome.STAYS,
) -> dict[str, Any]:
    return {
        "label": label,
        "count": count,
        "kind": kind,
        "situation_key": situation,
        "alternative_share": Decimal(share),
        "months": Decimal(months),
        "hours": Decimal(hours),
        "gross_wage": Decimal(wage),
        "wage_subsidy": Decimal(subsidy),
        "place_payment": Decimal(place),
        "place_paid_by": paid_by,
        "buyer": buyer,
        "remaining_transfers": Decimal(transfers),
        "remaining_care": Decimal(care),
        "remaining_crime": Decimal(crime),
        "other_support": Decimal(other),
        "other_support_paid_by": other_by,
        "outcome": outcome,
    }


KASAK_2025 = [
    person("A1–A4", 4, E, "forsorjningsstod", hours=1500, wage=250000, subsidy=150000, care=40),
    person(
        "A5–A6",
        2,
        E,
        "missbruk",
        share=60,
        hours=1400,
        wage=240000,
        subsidy=160000,
        care=30,
        crime=10,
    ),
    person(
        "A7–A9",
        3,
        E,
        "sjukersattning",
        hours=1000,
        wage=180000,
        subsidy=120000,
        transfers=25,
        care=60,
    ),
    person(
        "A10",
        1,
        E,
        "nyanland",
        months="8",
        hours=900,
        wage=150000,
        subsidy=80000,
        care=50,
        outcome=Outcome.WORK,
    ),
    person(
        "A11",
        1,
        E,
        "ung-utanfor",
        hours=1600,
        wage=260000,
        subsidy=100000,
        care=40,
        crime=50,
        outcome=Outcome.WORK,
    ),
    person(
        "D1 Arbetsträning",
        5,
        P,
        "forsorjningsstod",
        months="6",
        hours=450,
        place=45000,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=70,
    ),
    person(
        "D2 Arbetsträning",
        2,
        P,
        "forsorjningsstod",
        months="6",
        hours=480,
        place=45000,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=70,
        outcome=Outcome.WORK,
    ),
    person(
        "D3 Arbetsträning",
        1,
        P,
        "forsorjningsstod",
        months="3",
        hours=150,
        place=22500,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=90,
        outcome=Outcome.OTHER,
    ),
    person(
        "D4 Unga via AF",
        3,
        P,
        "ung-utanfor",
        months="5",
        hours=380,
        place=15750,
        paid_by=A.EMPLOYMENT_SERVICE,
        care=80,
        crime=60,
        other=30000,
        other_by=A.EMPLOYMENT_SERVICE,
    ),
    person(
        "D5 Unga via AF",
        1,
        P,
        "ung-utanfor",
        months="5",
        hours=400,
        place=15750,
        paid_by=A.EMPLOYMENT_SERVICE,
        care=80,
        crime=60,
        other=30000,
        other_by=A.EMPLOYMENT_SERVICE,
        outcome=Outcome.STUDIES,
    ),
    person(
        "D6 Sysselsättning",
        3,
        P,
        "sjukersattning",
        hours=600,
        place=60000,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=80,
    ),
    person(
        "D7 Kriminalvården",
        4,
        P,
        "missbruk",
        share=50,
        months="6",
        hours=420,
        place=60000,
        paid_by=A.JUSTICE,
        transfers=100,
        care=50,
        crime=20,
    ),
]

KASAK_2026 = [
    person(
        "A1–A4",
        4,
        E,
        "forsorjningsstod",
        months="11",
        hours=1400,
        wage=235000,
        subsidy=140000,
        care=40,
    ),
    person(
        "A5–A6",
        2,
        E,
        "missbruk",
        share=60,
        months="11",
        hours=1300,
        wage=226000,
        subsidy=150000,
        care=25,
        crime=10,
    ),
    person(
        "A7–A9",
        3,
        E,
        "sjukersattning",
        months="11",
        hours=950,
        wage=170000,
        subsidy=112000,
        transfers=25,
        care=55,
    ),
    person(
        "A11",
        1,
        E,
        "ung-utanfor",
        months="4",
        hours=560,
        wage=88000,
        subsidy=30000,
        care=40,
        crime=50,
        outcome=Outcome.WORK,
    ),
    person(
        "A12–A13", 2, E, "nyanland", months="9", hours=1050, wage=175000, subsidy=95000, care=50
    ),
    person(
        "D8 Arbetsträning",
        6,
        P,
        "forsorjningsstod",
        months="6",
        hours=470,
        place=46500,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=70,
    ),
    person(
        "D9 Arbetsträning",
        3,
        P,
        "forsorjningsstod",
        months="7",
        hours=560,
        place=54250,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=65,
        outcome=Outcome.WORK,
    ),
    person(
        "D10 Unga via AF",
        4,
        P,
        "ung-utanfor",
        months="5",
        hours=390,
        place=15750,
        paid_by=A.EMPLOYMENT_SERVICE,
        care=80,
        crime=60,
        other=31000,
        other_by=A.EMPLOYMENT_SERVICE,
    ),
    person(
        "D11 Sysselsättning",
        3,
        P,
        "sjukersattning",
        months="11",
        hours=560,
        place=57750,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=80,
    ),
    person(
        "D12 Kriminalvården",
        3,
        P,
        "missbruk",
        share=50,
        months="6",
        hours=430,
        place=62000,
        paid_by=A.JUSTICE,
        transfers=100,
        care=50,
        crime=20,
        outcome=Outcome.WORK,
    ),
]

KAJEN_2025 = [
    person(
        "K1–K3",
        3,
        E,
        "sjukersattning",
        hours=1100,
        wage=190000,
        subsidy=130000,
        transfers=25,
        care=60,
    ),
    person(
        "K4 Arbetsträning",
        4,
        P,
        "forsorjningsstod",
        months="6",
        hours=420,
        place=42000,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=75,
        outcome=Outcome.STAYS,
    ),
    person(
        "K5 Arbetsträning",
        1,
        P,
        "forsorjningsstod",
        months="6",
        hours=440,
        place=42000,
        paid_by=A.MUNICIPALITY,
        buyer=KOMMUN,
        transfers=100,
        care=75,
        outcome=Outcome.WORK,
    ),
]

RETUREN_2025 = [
    person(
        "R1–R4", 4, E, "ung-utanfor", hours=1500, wage=240000, subsidy=120000, care=40, crime=50
    ),
    person(
        "R5 Arbetsträning",
        5,
        P,
        "nyanland",
        months="8",
        hours=600,
        place=30000,
        paid_by=A.MUNICIPALITY,
        buyer="ronneby-kommun",
        care=70,
        transfers=100,
    ),
]

# slug, year, people, sales (buyer slug or "", what, amount), grant (amount, actor, note)
DEMO_FIGURES: list[tuple[str, int, list[dict], list[tuple[str, str, int]], tuple | None]] = [
    (
        "kasak",
        2025,
        KASAK_2025,
        [
            (KOMMUN, "Tvätt och rekond av kommunens leasingbilar", 1850000),
            ("ronneby-kommun", "Biltvätt, ramavtal", 120000),
            ("", "Privatkunder och företag", 640000),
        ],
        (250000, A.REGION, "Projektstöd för trädgårdstjänster"),
    ),
    (
        "kasak",
        2026,
        KASAK_2026,
        [
            (KOMMUN, "Tvätt och rekond av kommunens leasingbilar", 1720000),
            ("ronneby-kommun", "Biltvätt, ramavtal", 135000),
            ("", "Privatkunder och företag", 610000),
        ],
        None,
    ),
    (
        "cafe-kajen",
        2025,
        KAJEN_2025,
        [(KOMMUN, "Catering till möten", 210000), ("", "Lunchgäster", 1480000)],
        None,
    ),
    (
        "returen",
        2025,
        RETUREN_2025,
        [("ronneby-kommun", "Möbelhämtning", 95000), ("", "Butiksförsäljning", 870000)],
        None,
    ),
]


def _seed_year(
    asf: Organisation,
    year: int,
    people: list[dict[str, Any]],
    sales: list[tuple[str, str, int]],
    grant: tuple | None,
    organisations: dict[str, Organisation],
) -> None:
    account_year, created = AccountYear.objects.get_or_create(
        asf=asf,
        year=year,
        defaults={
            "is_demo": True,
            "grant_amount": Decimal(grant[0]) if grant else Decimal(0),
            "grant_from": grant[1] if grant else "",
            "grant_note": grant[2] if grant else "",
        },
    )
    if not created:
        return
    PersonRecord.objects.bulk_create(
        [
            PersonRecord(
                account_year=account_year,
                is_demo=True,
                place_buyer=organisations.get(data["buyer"]) if data["buyer"] else None,
                **{k: v for k, v in data.items() if k != "buyer"},
            )
            for data in people
        ]
    )
    SaleRecord.objects.bulk_create(
        [
            SaleRecord(
                account_year=account_year,
                buyer=organisations.get(buyer) if buyer else None,
                description=what,
                amount=Decimal(amount),
                is_demo=True,
            )
            for buyer, what, amount in sales
        ]
    )


def _publish_kasak_2025(kasak: Organisation, version: ParameterVersion) -> None:
    """KASAK shows its 2025 statement on its public profile."""
    if ImpactReport.objects.filter(organisation=kasak, year=2025, is_public=True).exists():
        return
    from inkludera.impact.services import compute_asf_report

    report = compute_asf_report(asf=kasak, year=2025, version=version)
    ImpactReport.objects.filter(pk=report.pk).update(is_public=True)
