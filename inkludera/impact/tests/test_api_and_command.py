"""The JSON API at /api/impact and `manage.py impact_report`."""

from __future__ import annotations

import json
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from inkludera.accounts.models import ApiToken
from inkludera.impact import services
from inkludera.impact.models import ImpactReport

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _token, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_manager_reads_the_account_with_a_token(client, asf_manager, kasak_2025):
    response = client.get("/api/impact/asf/kasak/2025", **bearer(asf_manager))
    assert response.status_code == 200
    body = response.json()
    assert body["format"] == "inkludera-impact-report/1"
    assert body["parameters"]["version"] == 1
    assert body["invariant"]["holds"] is True
    assert ImpactReport.objects.count() == 1


def test_outsiders_anonymous_and_empty_years(client, outsider, asf_manager, kasak_2025):
    assert client.get("/api/impact/asf/kasak/2025", **bearer(outsider)).status_code == 404
    assert client.get("/api/impact/asf/kasak/2025").status_code == 401
    empty = client.get("/api/impact/asf/kasak/2019", **bearer(asf_manager))
    assert empty.status_code == 404
    assert empty.json()["detail"] == "Det finns inga uppgifter för 2019."
    missing = client.get("/api/impact/asf/kasak/2025?version=9", **bearer(asf_manager))
    assert missing.json()["detail"] == "Det finns ingen publicerad version med det numret."


def test_parameters_over_the_api(client, asf_manager, parameters):
    sets = client.get("/api/impact/parameters", **bearer(asf_manager)).json()
    assert sets[0]["slug"] == "sverige"
    version = client.get("/api/impact/parameters/sverige/1?year=2025", **bearer(asf_manager)).json()
    assert version["price_year"] == 2025
    sick = next(v for v in version["values"] if v["label"].endswith("Sjukersättning"))
    # 100 000 kr in 2007 prices → 2025: 100 000 × 409.0 / 290.5 = 140 791.74
    assert sick["converted"] == "140791.74"


def test_public_regional_and_bought(
    client, support_staff, municipal_buyer, asf_manager, kasak, kasak_2025
):
    report = services.compute_asf_report(asf=kasak, year=2025)
    assert client.get("/api/impact/public/kasak/2025").status_code == 404
    services.set_statement_public(report=report, public=True, actor=None)
    public = client.get("/api/impact/public/kasak/2025").json()
    assert "inputs" not in public
    assert public["summary"]["real_effect"] == report.result["summary"]["real_effect"]
    regional = client.get("/api/impact/regional/2025", **bearer(support_staff))
    assert regional.json()["asf_count"] == 1
    assert client.get("/api/impact/regional/2025", **bearer(asf_manager)).status_code == 404
    bought = client.get("/api/impact/bought/karlskrona-kommun/2025", **bearer(municipal_buyer))
    (row,) = bought.json()
    assert row["asf"]["slug"] == "kasak"
    # Karlskrona paid 900 000 for services and 4 × 45 000 = 180 000 for places.
    assert (row["purchases"], row["place_payments"]) == ("900000.00", "180000.00")


def test_command_writes_json_pdf_and_excel(tmp_path, kasak_2025):
    out = tmp_path / "kasak.json"
    call_command(
        "impact_report", asf="kasak", year=2025, format="json", out=str(out), stderr=StringIO()
    )
    data = json.loads(out.read_text())
    assert data["asf"]["slug"] == "kasak"
    assert data["summary"]["people"] == 6
    pdf = tmp_path / "kasak.pdf"
    call_command(
        "impact_report", asf="kasak", year=2025, format="pdf", out=str(pdf), stderr=StringIO()
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "kasak.xlsx"
    call_command(
        "impact_report", asf="kasak", year=2025, format="xlsx", out=str(xlsx), stderr=StringIO()
    )
    workbook = load_workbook(BytesIO(xlsx.read_bytes()))
    assert "SROI" in workbook.sheetnames
    assert ImpactReport.objects.count() == 1  # the three formats share one stored report


def test_command_errors_are_clear(tmp_path, kasak_2025):
    with pytest.raises(CommandError, match="Det finns inga uppgifter för 2019"):
        call_command(
            "impact_report", asf="kasak", year=2019, format="json", out=str(tmp_path / "x")
        )
    with pytest.raises(CommandError, match="no ASF"):
        call_command(
            "impact_report", asf="nobody", year=2025, format="json", out=str(tmp_path / "x")
        )
