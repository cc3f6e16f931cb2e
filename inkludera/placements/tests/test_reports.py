"""The monthly report, the dashboards and the invoice basis, checked against a hand count.

October 2025 under Karlskrona's agreement with KASAK (10 places, 31 days):

    who      sex age    state     start       exit        in October
    Sara     F   30–39  active    2025-08-04  –           31 place-days; present 1, 2, 3 (6 h),
                                                          6 (4,5 h); absent 7 (sick), 8 (appointment)
    Ahmed    M   30–39  active    2025-10-13  –           19 place-days; present 13, 14 (4 h)
    Elin     F   25–29  ended     2025-06-02  2025-10-20  20 place-days; present 1, 20 (8 h); exit:
                                                          studies after 141 days
    Josefin  F   30–39  paused    2025-05-05  –           31 place-days (a pause keeps the place)
    Bengt    M   60+    declined  referred and declined 2025-10-06 (no place)
    Marie    F   60+    accepted  referred 2025-10-20, starts 2025-11-03
    Tomas    M   50–59  ended     2024-03-04  2025-03-31  follow-up after 6 months recorded
                                                          2025-10-02: studies

By hand: 4 people, 31+19+20+31 = 101 place-days, 101/31 = 3,3 places on average, 101/310
= 32,6 % occupancy, 8 present days, 2 absence days, 6+6+6+4,5+4+4+8+8 = 46,5 hours,
1 start (Ahmed), 1 exit (Elin: studies, 141 days), 2 referrals (Bengt, Marie), 1 declined
(no place), 1 follow-up (6 months: studies).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from inkludera.placements import services
from inkludera.placements.models import OutcomeFollowUp, State
from inkludera.placements.reports import dashboard, monthly_report
from inkludera.placements.tests.factories import attend, make_agreement, make_case

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2025, 10, 1)
d = datetime.date


@pytest.fixture
def october(agreement):
    sara = make_case(agreement, "sara", start=d(2025, 8, 4))
    for day in (1, 2, 3):
        attend(sara, d(2025, 10, day), "6")
    attend(sara, d(2025, 10, 6), "4.5")
    attend(sara, d(2025, 10, 7), absent="sick")
    attend(sara, d(2025, 10, 8), absent="appointment")
    attend(sara, d(2025, 9, 30), "6")  # another month: not counted
    ahmed = make_case(agreement, "ahmed", start=d(2025, 10, 13))
    attend(ahmed, d(2025, 10, 13), "4")
    attend(ahmed, d(2025, 10, 14), "4")
    elin = make_case(
        agreement,
        "elin",
        state=State.ENDED,
        start=d(2025, 6, 2),
        end=d(2025, 10, 20),
        outcome="studies",
    )
    attend(elin, d(2025, 10, 1), "8")
    attend(elin, d(2025, 10, 20), "8")
    make_case(agreement, "josefin", state=State.PAUSED, start=d(2025, 5, 5))
    make_case(agreement, "bengt", state=State.DECLINED, referred_on=d(2025, 10, 6))
    make_case(
        agreement, "marie", state=State.ACCEPTED, referred_on=d(2025, 10, 20), start=d(2025, 11, 3)
    )
    tomas = make_case(
        agreement,
        "tomas",
        state=State.ENDED,
        start=d(2024, 3, 4),
        end=d(2025, 3, 31),
        outcome="work_open",
        last_entry_on=d(2025, 10, 2),
    )
    OutcomeFollowUp.objects.create(
        placement=tomas, months=6, outcome="studies", recorded_on=d(2025, 10, 2)
    )
    return agreement


def test_the_monthly_report_matches_the_hand_count(october):
    report = monthly_report(october, OCTOBER)
    c = report.counts
    assert report.places == 10
    assert c.people == 4
    assert c.place_days == 101
    assert report.average_occupancy == Decimal("3.3")
    assert report.occupancy_share == Decimal("0.326")
    assert c.present_days == 8
    assert c.absence_days == 2
    assert c.hours == Decimal("46.50")
    assert c.starts == 1
    assert c.exits == 1
    assert c.exit_days == 141
    assert report.average_days_to_exit == Decimal("141.0")
    assert c.referrals == 2
    assert {v: n for v, _label, n in report.exit_outcomes if n} == {"studies": 1}
    assert {v: n for v, _label, n in report.follow_up_outcomes(6) if n} == {"studies": 1}
    assert dict(report.declined)["Ingen plats"] == 1
    assert dict(report.absences)["Sjuk"] == 1
    rows = dict(report.group_rows)
    # women: in place, started, exited | men: ... | all: ...
    assert rows["25–29"] == [1, 0, 1, 0, 0, 0, 1, 0, 1]
    assert rows["30–39"] == [2, 0, 0, 1, 1, 0, 3, 1, 0]
    assert report.group_totals == [3, 0, 1, 1, 1, 0, 4, 1, 1]


def test_the_report_page_pdf_and_excel_show_the_same_numbers(login, placement_officer, october):
    client = login(placement_officer)
    base = f"/placements/agreements/{october.pk}/reports/2025/10/"
    page = client.get(base)
    assert page.status_code == 200
    assert dict(page.context["rows"])["Timmar närvarande"] == Decimal("46.50")

    pdf = client.get(base + "report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "manadsrapport-kasak-karlskrona-kommun" in pdf["Content-Disposition"]

    excel = client.get(base + "report.xlsx")
    sheet = load_workbook(io.BytesIO(excel.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    values = {row[0]: row[1] for row in rows if row and row[0]}
    assert values["Personer som hade en plats"] == 4
    assert values["Använda platsdagar"] == 101
    assert values["Närvarodagar"] == 8
    assert values["Timmar närvarande"] == 46.5
    assert values["Starter"] == 1
    assert values["Avslut"] == 1
    outcomes = rows.index(next(r for r in rows if r[0] == "Utfall vid avslut"))
    assert dict(r[:2] for r in rows[outcomes + 1 : outcomes + 8])["Studier"] == 1
    total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Totalt")
    assert list(total[1:10]) == [3, 0, 1, 1, 1, 0, 4, 1, 1]


def test_the_report_has_no_personal_data(login, placement_officer, october):
    text = (
        login(placement_officer)
        .get(f"/placements/agreements/{october.pk}/reports/2025/10/")
        .content.decode()
    )
    assert "Testsson" not in text
    assert "19910717" not in text


def test_the_invoice_basis_per_place_and_per_present_day(october, kasak, karlskrona):
    lines = services.invoice_lines_for(october, OCTOBER)
    assert len(lines) == 1
    assert lines[0]["quantity"] == Decimal("10.00")
    assert lines[0]["unit"] == "MON"
    assert lines[0]["unit_price"] == Decimal("9800.00")
    assert lines[0]["vat_rate"] == Decimal("0.00")
    assert lines[0]["vat_exemption_reason"] == "Social omsorg"
    assert set(lines[0]) == {
        "description",
        "quantity",
        "unit",
        "unit_price",
        "vat_rate",
        "vat_exemption_reason",
    }
    # An agreement that starts mid-month is invoiced pro rata.
    late = make_agreement(kasak, karlskrona.organisation, start=d(2025, 10, 16), places=4)
    assert services.invoice_lines_for(late, OCTOBER)[0]["quantity"] == Decimal("2.06")  # 4×16/31
    october.pricing = "per_present_day"
    october.price = Decimal("150.00")
    october.save()
    lines = services.invoice_lines_for(october, OCTOBER)
    assert (lines[0]["quantity"], lines[0]["unit"]) == (Decimal("8"), "DAY")
    october.pricing = "per_occupied_place_month"
    october.save()
    assert services.invoice_lines_for(october, OCTOBER)[0]["quantity"] == Decimal("3.26")


def test_the_invoice_basis_page(login, asf_manager, october):
    response = login(asf_manager).get(f"/placements/agreements/{october.pk}/invoice/2025/10/")
    assert response.status_code == 200
    assert response.context["net"] == Decimal("98000.00")
    assert response.context["total"] == Decimal("98000.00")


def test_the_dashboard_matches_the_hand_count(october):
    board = dashboard(
        [october],
        start=d(2025, 1, 1),
        end=d(2025, 12, 1),
        today=d(2025, 12, 15),
        group_by="agreement",
    )
    assert board.used[9] == Decimal("3.3")  # October
    assert board.agreed[9] == Decimal("10.0")
    assert board.exits == 2  # Tomas in March, Elin in October
    assert board.outcomes == {"work_open": 1, "studies": 1}
    assert board.average_days_to_exit == Decimal("267.0")  # (393 + 141) / 2
    assert board.follow_up_share(6) == (1, 1)
    row = board.rows[0]
    assert (row.places_now, row.taken_now, row.waiting_now) == (10, 4, 0)
    assert row.good_share == Decimal("1.000")


def test_the_municipal_dashboard_page(login, municipal_buyer, karlskrona, october):
    response = login(municipal_buyer).get(
        f"/placements/funders/{karlskrona.organisation.slug}/dashboard/", {"year": "2025"}
    )
    assert response.status_code == 200
    assert response.context["board"].exits == 2
    text = response.content.decode()
    assert "<svg" in text
    assert "<table" in text


def test_report_months_list_on_the_agreement_page(login, asf_manager, october, today):
    response = login(asf_manager).get(f"/placements/agreements/{october.pk}/")
    months = response.context["months"]
    assert months[0] == today.replace(day=1)
    assert len(months) == 12
