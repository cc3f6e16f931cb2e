"""Downloads of a stored report: the one-page statement as PDF (WeasyPrint) and the full
account as an Excel workbook holding every input and every formula result."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inkludera.core import pdf
from inkludera.impact.presentation import (
    ASSUMPTION_LABELS,
    actor_rows,
    label,
    statement_context,
)
from inkludera.impact.terms import Actor, Category, Outcome, PersonKind, QuantityBasis

MONEY_FORMAT = "#,##0"
RATIO_FORMAT = "0.00"
PERCENT_FORMAT = "0.0%"


def statement_pdf(result: dict[str, Any]) -> bytes:
    """The one-page statement (A4) with its chart and data table."""
    return pdf.pdf(render_to_string("impact/statement_pdf.html", statement_context(result)))


def statement_document(result: dict[str, Any]) -> Any:
    """The statement laid out by WeasyPrint (its `pages` tell how long it is)."""
    return pdf.document(render_to_string("impact/statement_pdf.html", statement_context(result)))


# ---------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------


def account_workbook(result: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _summary_sheet(workbook.active, result)
    _actor_sheet(workbook.create_sheet(_("Actors")), result)
    _forecast_sheet(workbook.create_sheet(_("Forecast")), result)
    _sroi_sheet(workbook.create_sheet("SROI"), result)
    _input_sheet(workbook.create_sheet(_("Inputs")), result)
    _parameter_sheet(workbook.create_sheet(_("Parameters")), result)
    _formula_sheet(workbook.create_sheet(_("Formulas")))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _heading(sheet: Any, text: str) -> None:
    from openpyxl.styles import Font

    sheet.append([text])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=13)


def _header(sheet: Any, values: list[str]) -> None:
    from openpyxl.styles import Font

    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _n(value: Any) -> Any:
    """Numbers stay numbers in the workbook (Decimal), text stays text."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return value


def _widths(sheet: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def _format_money(sheet: Any, first_row: int, columns: list[int]) -> None:
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.column in columns and isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT


def _summary_sheet(sheet: Any, result: dict[str, Any]) -> None:
    sheet.title = _("Summary of the account")
    s = result["summary"]
    p = result["parameters"]
    _heading(
        sheet,
        _("Social value %(year)s – %(name)s")
        % {"year": result["year"], "name": result["asf"]["name"]},
    )
    rows = [
        (_("Organisation number"), result["asf"]["org_number"]),
        (_("Year"), result["year"]),
        (_("Price year"), result["price_year"]),
        (_("Parameter set"), p["set_name"]),
        (_("Parameter version"), p["version"]),
        (_("Data fingerprint"), result["fingerprint"]),
        (_("Computed"), result["computed_at"]),
        ("", ""),
        (_("People who worked in the enterprise"), s["people"]),
        (_("of them employees"), s["employees"]),
        (_("of them participants"), s["participants"]),
        (_("Person-years"), _n(s["person_years"])),
        (_("Hours worked"), _n(s["hours"])),
        (_("Left for work"), s["exits_to_work"]),
        (_("Left for studies"), s["exits_to_studies"]),
        (_("Sales (SEK)"), _n(s["sales"])),
        (_("Money put in: wage subsidies, places, grants (SEK)"), _n(s["investment"])),
        (_("of which public (SEK)"), _n(s["public_investment"])),
        (_("Effect for the public sector (SEK)"), _n(s["public_financial_effect"])),
        (_("Net for the public sector (SEK)"), _n(s["public_net"])),
        (_("Effect for the individuals (SEK)"), _n(s["individual_effect"])),
        (_("Real effect for society (SEK)"), _n(s["real_effect"])),
        (_("Real effect per person-year (SEK)"), _n(s["real_effect_per_person_year"])),
        (_("SROI ratio"), _n(s["sroi_ratio"])),
    ]
    for row in rows:
        sheet.append(list(row))
    _format_money(sheet, 2, [2])
    _widths(sheet, [52, 70])


def _actor_sheet(sheet: Any, result: dict[str, Any]) -> None:
    categories = [c["key"] for c in result["categories"]]
    _heading(
        sheet,
        _("Effect per actor and category (SEK, %(year)s prices)") % {"year": result["price_year"]},
    )
    _header(
        sheet,
        [
            _("Actor"),
            *[label(Category, c) for c in categories],
            _("Financial effect"),
            _("of which real"),
            _("of which transfers and taxes"),
            _("Investment"),
            _("Net"),
            _("Return %"),
            _("Payback (months)"),
        ],
    )
    first = sheet.max_row + 1
    for row in actor_rows(result, keep_empty=True):
        sheet.append(
            [
                row["label"],
                *[_n(row["categories"][c]) for c in categories],
                _n(row["financial_effect"]),
                _n(row["real_part"]),
                _n(row["transfer_part"]),
                _n(row["investment"]),
                _n(row["net"]),
                _n(row["return_pct"]),
                _n(row["payback_months"]),
            ]
        )
    sheet.append(
        [
            _("Sum of all actors"),
            *[_n(c["total"]) for c in result["categories"]],
            _n(result["invariant"]["sum_of_financial_effects"]),
            _n(result["invariant"]["real_effect"]),
            _n(result["invariant"]["transfers_and_taxes"]),
            _n(result["invariant"]["sum_of_investments"]),
            None,
        ]
    )
    sheet.append([])
    inv = result["invariant"]
    sheet.append(
        [
            _("Check: sum of financial effects = real effect"),
            _n(inv["sum_of_financial_effects"]),
            _n(inv["real_effect"]),
            _("holds") if inv["holds"] else _("DOES NOT HOLD"),
        ]
    )
    sheet.append([_("Transfers and taxes net to"), _n(inv["transfers_and_taxes"])])
    sheet.append([_("Investments net to"), _n(inv["sum_of_investments"])])
    _format_money(sheet, first, list(range(2, len(categories) + 7)))
    _widths(sheet, [34] + [16] * (len(categories) + 7))


def _forecast_sheet(sheet: Any, result: dict[str, Any]) -> None:
    f = result["forecast"]
    _heading(sheet, _("Forecast"))
    sheet.append([_("Discount rate"), _n(f["discount_rate"])])
    sheet.append([_("Share who stay in work each year"), _n(f["stay_in_work_rate"])])
    sheet.append([])
    _header(
        sheet,
        [
            _("Years"),
            _("Real effect (present value)"),
            _("Net for the public sector"),
            _("Net for the individuals"),
        ]
        + [label(Actor, a.value) for a in Actor],
    )
    for h in f["horizons"]:
        sheet.append(
            [
                h["years"],
                _n(h["real_effect_pv"]),
                _n(h["public_net_pv"]),
                _n(h["individual_net_pv"]),
            ]
            + [_n(h["actors"][a.value]) for a in Actor]
        )
    sheet.append([])
    _header(
        sheet,
        [
            _("Year"),
            _("Real effect"),
            _("Net for the public sector"),
            _("Discount factor"),
            _("Accumulated real effect (PV)"),
            _("Accumulated public net (PV)"),
        ],
    )
    for y in f["yearly"]:
        sheet.append(
            [
                y["year"],
                _n(y["real_effect"]),
                _n(y["public_net"]),
                _n(y["discount_factor"]),
                _n(y["cumulative_real_pv"]),
                _n(y["cumulative_public_net_pv"]),
            ]
        )
    sensitivity = f.get("sensitivity")
    if sensitivity:
        sheet.append([])
        _heading(sheet, _("Sensitivity: net for the public sector over 20 years"))
        _header(
            sheet,
            [_("Stay in work / discount rate")]
            + [f"{Decimal(r) * 100:.1f} %" for r in sensitivity["discount_rates"]],
        )
        for row in sensitivity["rows"]:
            sheet.append(
                [_n(row["stay_in_work_rate"])] + [_n(c["public_net_20"]) for c in row["cells"]]
            )
        sheet.append([])
        _heading(sheet, _("Sensitivity: real effect over 20 years"))
        _header(
            sheet,
            [_("Stay in work / discount rate")]
            + [f"{Decimal(r) * 100:.1f} %" for r in sensitivity["discount_rates"]],
        )
        for row in sensitivity["rows"]:
            sheet.append(
                [_n(row["stay_in_work_rate"])] + [_n(c["real_effect_20"]) for c in row["cells"]]
            )
    _format_money(sheet, 4, list(range(2, 14)))
    _widths(sheet, [30] + [20] * 13)


def _sroi_sheet(sheet: Any, result: dict[str, Any]) -> None:
    s = result["sroi"]
    _heading(sheet, _("SROI impact map"))
    _header(
        sheet,
        [
            _("Stakeholder"),
            _("Outcome"),
            _("Indicator"),
            _("Quantity from"),
            _("Quantity"),
            _("Financial proxy (SEK)"),
            _("Deadweight"),
            _("Displacement"),
            _("Attribution"),
            _("Drop-off"),
            _("Duration (years)"),
            _("Starts the year after"),
            _("Impact, year 1 (SEK)"),
            _("Present value (SEK)"),
            _("Proxy may fall before 1 : 1"),
        ],
    )
    for o in s["outcomes"]:
        sheet.append(
            [
                o["stakeholder"],
                o["name"],
                o["indicator"],
                label(QuantityBasis, o["quantity_basis"]),
                _n(o["quantity"]),
                _n(o["proxy"]),
                _n(o["deadweight"]),
                _n(o["displacement"]),
                _n(o["attribution"]),
                _n(o["drop_off"]),
                o["duration"],
                _("yes") if o["start_offset"] else _("no"),
                _n(o["impact"]),
                _n(o["present_value"]),
                _n(o["break_even_proxy_change"]),
            ]
        )
    sheet.append([])
    for text, value in [
        (_("Discount rate"), s["discount_rate"]),
        (_("Investment (SEK)"), s["investment"]),
        (_("Annual impact (SEK)"), s["annual_impact"]),
        (_("Present value (SEK)"), s["present_value"]),
        (_("Net present value (SEK)"), s["npv"]),
        (_("SROI ratio"), s["ratio"]),
        (_("Net SROI"), s["net_ratio"]),
        (_("Payback (months)"), s["payback_months"]),
    ]:
        sheet.append([text, _n(value)])
    if s.get("sensitivity"):
        sheet.append([])
        _heading(sheet, _("Sensitivity: one assumption at a time"))
        _header(
            sheet,
            [
                _("Assumption"),
                _("Outcome"),
                _("Low value"),
                _("SROI at low"),
                _("High value"),
                _("SROI at high"),
            ],
        )
        names = {o["key"]: o["name"] for o in s["outcomes"]}
        for c in s["sensitivity"]:
            sheet.append(
                [
                    str(ASSUMPTION_LABELS.get(c["assumption"], c["assumption"])),
                    names.get(c["outcome"], ""),
                    _n(c["low"]),
                    _n(c["low_ratio"]),
                    _n(c["high"]),
                    _n(c["high_ratio"]),
                ]
            )
    _format_money(sheet, 3, [6, 13, 14])
    _widths(sheet, [28, 36, 30, 28] + [16] * 11)


def _input_sheet(sheet: Any, result: dict[str, Any]) -> None:
    inputs = result["inputs"]
    _heading(sheet, _("People, by kind, situation and outcome (no person is named)"))
    _header(
        sheet,
        [
            _("Works as"),
            _("Typical situation before"),
            _("At the end of the year"),
            _("People"),
            _("Person-years"),
            _("Hours"),
            _("Gross wages (SEK)"),
            _("Wage subsidies (SEK)"),
            _("Payments for places (SEK)"),
            _("Other benefits (SEK)"),
            _("Sources"),
        ],
    )
    for g in inputs["groups"]:
        sheet.append(
            [
                label(PersonKind, g["kind"]),
                g["situation_name"],
                label(Outcome, g["outcome"]),
                g["people"],
                _n(g["person_years"]),
                _n(g["hours"]),
                _n(g["gross_wage"]),
                _n(g["wage_subsidy"]),
                _n(g["place_payment"]),
                _n(g["other_support"]),
                ", ".join(g["sources"]),
            ]
        )
    sheet.append([])
    _header(sheet, [_("Sales to"), _("Amount (SEK)")])
    for sale in inputs["sales"]:
        sheet.append(
            [sale["buyer_name"] or _("Private customers and other buyers"), _n(sale["amount"])]
        )
    sheet.append([])
    _header(sheet, [_("Grants paid by"), _("Amount (SEK)")])
    for grant in inputs["grants"]:
        sheet.append([label(Actor, grant["paid_by"]), _n(grant["amount"])])
    sheet.append([])
    _header(
        sheet,
        [
            _("Buyer"),
            _("Purchases"),
            _("Places"),
            _("People in places"),
            _("Share of income"),
            _("Social value bought"),
            _("Own effect for the places"),
            _("Own net for the places"),
        ],
    )
    for b in result["buyers"]:
        sheet.append(
            [
                b["name"],
                _n(b["purchases"]),
                _n(b["place_payments"]),
                b["people_in_places"],
                _n(b["income_share"]),
                _n(b["value_bought"]),
                _n(b["own_effect_for_places"]),
                _n(b["own_net_for_places"]),
            ]
        )
    _format_money(sheet, 3, [7, 8, 9, 10])
    _widths(sheet, [30, 36, 26] + [18] * 8)


def _parameter_sheet(sheet: Any, result: dict[str, Any]) -> None:
    p = result["parameters"]
    _heading(
        sheet,
        _("%(set)s, version %(n)s: every value used") % {"set": p["set_name"], "n": p["version"]},
    )
    if p.get("change_note"):
        sheet.append([_("What changed"), p["change_note"]])
    _header(
        sheet,
        [
            _("Group"),
            _("What"),
            _("Paid by"),
            _("Category"),
            _("Value"),
            _("Unit"),
            _("Price year"),
            _("KPI factor"),
            _("Value in the account's price year"),
            _("Assumption"),
            _("Source"),
            _("Address"),
            _("Note"),
        ],
    )
    for v in p.get("values", []):
        sheet.append(
            [
                v["group"],
                v["label"],
                label(Actor, v["actor"]) if v["actor"] else "",
                label(Category, v["category"]) if v["group"] == "situation" else v["category"],
                _n(v["value"]),
                v["unit"],
                v["price_year"],
                _n(v["factor"]),
                _n(v["converted"]),
                _("yes") if v["is_assumption"] else _("no"),
                v["source_title"],
                v["source_url"],
                v["note"],
            ]
        )
    _widths(sheet, [10, 48, 24, 24, 14, 16, 10, 10, 18, 10, 50, 40, 60])


def _formula_sheet(sheet: Any) -> None:
    _heading(sheet, _("How the numbers are computed"))
    for line in FORMULAS():
        sheet.append([line])
    _widths(sheet, [140])


def FORMULAS() -> list[str]:
    return [
        _(
            "Amount in the account's price year = amount × KPI[price year of the account] / KPI[price year of the amount]."
        ),
        _(
            "Per person: alternative = the typical situation's yearly costs × share that applies × months / 12 × number of people."
        ),
        _(
            "Actual = benefits, care and crime costs still paid (the shares entered) + wage, income tax, employer contributions + production value (hours × value per hour)."
        ),
        _(
            "Effect per actor = alternative cost − actual cost, per category (production, benefits, care, crime, taxes)."
        ),
        _(
            "Benefits and wages are booked on the payer and on the person with the same amount; taxes on the person and on the municipality, region or state. They sum to zero."
        ),
        _(
            "Invariant: sum of all actors' financial effects (the individual included) = real effect = production value + avoided care and crime costs."
        ),
        _(
            "Investment: wage subsidies (Arbetsförmedlingen), bought places (the paying actor), grants. The enterprise receives them, so investments sum to zero."
        ),
        _(
            "Net = effect − investment. Return % = effect / investment × 100. Payback in months = investment / effect × 12."
        ),
        _(
            "Forecast: year 1 is the account. From year 2, people still in the enterprise or in work count for a full year, times s^(t−1) (share who stay in work); year t is discounted by (1 + r)^(t−1)."
        ),
        _(
            "SROI: impact = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution); value in year k = impact × (1 − drop-off)^(k−1)."
        ),
        _(
            "SROI: present value = Σ value in year k / (1 + r)^(k + s), s = 1 when the outcome starts the year after; SROI = PV / investment; net SROI = (PV − investment) / investment; payback = investment / (annual impact / 12) months."
        ),
    ]
