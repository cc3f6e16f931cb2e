"""The demo: the Swedish parameter set and KASAK's 2025 and 2026 accounts."""

from __future__ import annotations

import datetime

import pytest

from inkludera.accounts.models import Organisation
from inkludera.demo import blekinge
from inkludera.demo.registry import DemoContext
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
