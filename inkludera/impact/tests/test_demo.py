"""The demo: the Swedish parameter set and KASAK's 2025 and 2026 accounts."""

from __future__ import annotations

import datetime
import importlib

import pytest

from inkludera.accounts.models import Organisation
from inkludera.demo import blekinge
from inkludera.demo.registry import DEMO_MODULES, DemoContext
from inkludera.impact import demo, exports, services
from inkludera.impact.models import ImpactReport, ParameterVersion, PersonRecord

pytestmark = pytest.mark.django_db


def test_demo_seeds_once_and_kasaks_years_compute():
    context = DemoContext(today=datetime.date(2026, 11, 28), log=lambda m: None)
    blekinge.seed(context)
    demo.seed(context)
    demo.seed(context)  # idempotent
    assert ParameterVersion.objects.count() == 1
    kasak = Organisation.objects.get(slug="kasak")
    assert (
        PersonRecord.objects.filter(account_year__asf=kasak, account_year__year=2025).count() == 12
    )
    assert all(PersonRecord.objects.values_list("is_demo", flat=True))
    for year in (2025, 2026):
        report = services.compute_asf_report(asf=kasak, year=year)
        assert report.result["invariant"]["holds"] is True
        assert report.real_effect > 0
        assert len(exports.statement_document(report.result).pages) == 1  # one A4 page
    # 2025 is public on KASAK's profile; 2026 has no KPI yet and says so.
    assert ImpactReport.objects.get(organisation=kasak, year=2025, is_public=True)
    report_2026 = services.compute_asf_report(asf=kasak, year=2026)
    assert report_2026.result["price_year"] == 2025
    assert "2026" in report_2026.result["price_year_note"]


@pytest.mark.slow
def test_kasaks_accounts_draw_on_the_whole_demos_records():
    """Seeded on 2026-11-28, the demo's placements, plans and invoices feed KASAK's years:
    placements' cases replace the hand-entered participants, invoices replace the
    hand-entered sales to the buyers invoiced in 2026 (docs/impact.md)."""
    context = DemoContext(today=datetime.date(2026, 11, 28), log=lambda m: None)
    for module in DEMO_MODULES[: DEMO_MODULES.index("inkludera.impact.demo") + 1]:
        importlib.import_module(module).seed(context)
    kasak = Organisation.objects.get(slug="kasak")
    expected = {
        # people, participants, hours, sales, real effect, SROI; by hand: 30, 19, 22 680,
        # 2 610 000, 8 669 074.28, 4.69 (2025) and 31, 19, 22 740, 2 465 000, 8 024 255.87,
        # 6.62 (2026)
        2025: (31, 20, "19886.7", "2610000.00", "7548604.68", "4.82"),
        2026: (24, 12, "15071.0", "1543386.66", "5230573.99", "3.43"),
    }
    for year, figures in expected.items():
        result = services.compute_asf_report(asf=kasak, year=year).result
        summary = result["summary"]
        assert result["invariant"]["holds"] is True
        assert (
            summary["people"],
            summary["participants"],
            summary["hours"],
            summary["sales"],
            summary["real_effect"],
            summary["sroi_ratio"],
        ) == figures
        assert result["sources"]["people"] == ["hand", "placements"]
    assert result["sources"]["sales"] == ["hand", "invoicing"]  # 2026
    public = ImpactReport.objects.get(organisation=kasak, year=2025, is_public=True)
    assert public.result["summary"]["people"] == 31
