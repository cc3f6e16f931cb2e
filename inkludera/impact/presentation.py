"""From a stored report (plain JSON) to what templates and exports show: labels in the
reader's language, charts with their data, rows without empty actors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkludera.core.charts import Chart, bar_chart, line_chart
from inkludera.impact.terms import (
    SOURCE_LABELS,
    Actor,
    Category,
    Outcome,
    PersonKind,
    ProxyBasis,
    QuantityBasis,
)

ASSUMPTION_LABELS = {
    "proxy": gettext_lazy("Financial proxy"),
    "quantity": gettext_lazy("Quantity"),
    "deadweight": gettext_lazy("Deadweight"),
    "displacement": gettext_lazy("Displacement"),
    "attribution": gettext_lazy("Attribution to others"),
    "drop_off": gettext_lazy("Drop-off"),
    "duration": gettext_lazy("Duration (years)"),
    "discount_rate": gettext_lazy("Discount rate"),
}
PERCENT_ASSUMPTIONS = {"deadweight", "displacement", "attribution", "drop_off", "discount_rate"}


def label(choices: type, key: str) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return key


def D(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def actor_rows(result: dict[str, Any], *, keep_empty: bool = False) -> list[dict[str, Any]]:
    rows = []
    for row in result["actors"]:
        values = [D(row[k]) for k in ("financial_effect", "investment")]
        if not keep_empty and not any(values):
            continue
        rows.append({**row, "label": label(Actor, row["key"])})
    return rows


def actor_chart(result: dict[str, Any], *, title: str) -> Chart:
    rows = actor_rows(result)
    return bar_chart(
        title=title,
        labels=[r["label"] for r in rows],
        series=[(_("Net"), [float(D(r["net"])) for r in rows])],
        unit=_("SEK"),
        horizontal=True,
    )


def statement_context(
    result: dict[str, Any], *, full: bool = False, regional: bool = False
) -> dict[str, Any]:
    year = result["year"]
    context: dict[str, Any] = {
        "r": result,
        "summary": result["summary"],
        "actors": actor_rows(result),
        "actor_chart": actor_chart(
            result, title=_("Who gains? Net per actor %(year)s") % {"year": year}
        ),
        "invariant": result["invariant"],
        "horizons": result["forecast"]["horizons"],
        "sroi": result["sroi"],
        "kind_labels": {k.value: k.label for k in PersonKind},
    }
    if full or regional:
        context.update(_forecast_context(result))
        context["categories"] = [
            {**c, "label": label(Category, c["key"])} for c in result["categories"]
        ]
        context["category_keys"] = [c["key"] for c in result["categories"]]
        context["all_actors"] = actor_rows(result, keep_empty=True)
    if full:
        context.update(_sroi_context(result))
        context.update(_input_context(result))
    if regional:
        rows = sorted(result["asf"], key=lambda r: D(r["real_effect"]), reverse=True)
        top = rows[:15]
        context["asf_chart"] = bar_chart(
            title=_("Real effect per enterprise %(year)s (the largest 15)") % {"year": year},
            labels=[r["name"] for r in top],
            series=[(_("Real effect"), [float(D(r["real_effect"])) for r in top])],
            unit=_("SEK"),
            horizontal=True,
        )
    return context


def _forecast_context(result: dict[str, Any]) -> dict[str, Any]:
    forecast = result["forecast"]
    yearly = forecast["yearly"]
    context: dict[str, Any] = {
        "forecast": forecast,
        "forecast_chart": line_chart(
            title=_("Accumulated effect over 20 years (present value)"),
            labels=[str(y["year"]) for y in yearly],
            series=[
                (_("Real effect for society"), [float(D(y["cumulative_real_pv"])) for y in yearly]),
                (
                    _("Net for the public sector"),
                    [float(D(y["cumulative_public_net_pv"])) for y in yearly],
                ),
            ],
            unit=_("SEK"),
        ),
        "horizon_actor_rows": [
            {
                "label": label(Actor, key),
                "values": [h["actors"][key] for h in forecast["horizons"]],
            }
            for key in (a.value for a in Actor)
            if any(D(h["actors"][key]) for h in forecast["horizons"])
        ],
    }
    return context


def _sroi_context(result: dict[str, Any]) -> dict[str, Any]:
    section = result["sroi"]
    names = {o["key"]: o["name"] for o in section["outcomes"]}
    cases = []
    for case in section.get("sensitivity", []):
        percent = case["assumption"] in PERCENT_ASSUMPTIONS
        cases.append(
            {
                **case,
                "label": str(ASSUMPTION_LABELS.get(case["assumption"], case["assumption"])),
                "outcome_name": names.get(case["outcome"], ""),
                "percent": percent,
                "relative": case["assumption"] in {"proxy", "quantity"},
            }
        )
    outcomes = [
        {
            **o,
            "quantity_label": label(QuantityBasis, o["quantity_basis"]),
            "proxy_label": label(ProxyBasis, o["proxy_basis"]),
        }
        for o in section["outcomes"]
    ]
    return {"sroi_cases": cases, "sroi_outcomes": outcomes}


def _input_context(result: dict[str, Any]) -> dict[str, Any]:
    inputs = result["inputs"]
    groups = [
        {
            **g,
            "kind_label": label(PersonKind, g["kind"]),
            "outcome_label": label(Outcome, g["outcome"]),
            "source_labels": [str(SOURCE_LABELS.get(s, s)) for s in g["sources"]],
        }
        for g in inputs["groups"]
    ]
    grants = [{**g, "paid_by_label": label(Actor, g["paid_by"])} for g in inputs["grants"]]
    values = result["parameters"].get("values", [])
    return {
        "groups": groups,
        "sales_rows": inputs["sales"],
        "grant_rows": grants,
        "parameter_values": [
            {
                **v,
                "actor_label": label(Actor, v["actor"]) if v["actor"] else "",
                "category_label": label(Category, v["category"])
                if v["group"] == "situation"
                else v["category"],
            }
            for v in values
            if v["group"] != "cpi"
        ],
        "cpi_values": [v for v in values if v["group"] == "cpi"],
        "buyers": result["buyers"],
        "source_labels": {
            part: [str(SOURCE_LABELS.get(s, s)) for s in sources]
            for part, sources in result["sources"].items()
        },
    }


def municipal_context(rows: list[dict[str, Any]]) -> dict[str, Any]:
    if not rows:
        return {}
    totals = {
        key: sum((D(row["buyer"][key]) for row in rows), Decimal(0))
        for key in (
            "purchases",
            "place_payments",
            "value_bought",
            "own_effect_for_places",
            "own_net_for_places",
        )
    }
    totals["people_in_places"] = sum(row["buyer"]["people_in_places"] for row in rows)
    chart = bar_chart(
        title=_("What you paid and the social value it bought"),
        labels=[row["asf"]["name"] for row in rows],
        series=[
            (
                _("Paid (purchases and places)"),
                [float(D(r["buyer"]["purchases"]) + D(r["buyer"]["place_payments"])) for r in rows],
            ),
            (_("Social value bought"), [float(D(r["buyer"]["value_bought"])) for r in rows]),
        ],
        unit=_("SEK"),
        horizontal=True,
    )
    return {"totals": totals, "buyer_chart": chart}
