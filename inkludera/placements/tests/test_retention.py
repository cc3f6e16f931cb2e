"""The person's rights and the end of retention: register extract, erasure, statistics."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from inkludera.core.models import PersonalDataAccess
from inkludera.placements.models import (
    ErasureRecord,
    MonthlyStatistic,
    Participant,
    Placement,
    SupportNeeds,
)
from inkludera.placements.reports import dashboard, monthly_report
from inkludera.placements.retention import due_for_erasure, erase_expired, erasure_due_on
from inkludera.placements.tests.factories import make_case
from inkludera.placements.tests.test_reports import october  # noqa: F401 - fixture
from inkludera.placements.workdays import months_between
from inkludera.planning.models import Worker

pytestmark = pytest.mark.django_db
d = datetime.date


def all_reports(agreement):
    return {
        m: monthly_report(agreement, m).counts
        for m in months_between(d(2024, 1, 1), d(2025, 12, 1))
    }


def test_erasure_keeps_every_monthly_report_and_the_dashboard_unchanged(october):  # noqa: F811
    october.retention_years = 1
    october.save()
    worker = Worker.objects.create(asf=october.asf, name="Elin T.", kind="participant")
    Placement.objects.filter(state="ended", age_band="25-29").update(worker=worker)  # Elin
    before = all_reports(october)
    board_before = dashboard(
        [october],
        start=d(2025, 1, 1),
        end=d(2025, 12, 1),
        today=d(2025, 12, 15),
        group_by="agreement",
    )

    erased = erase_expired(today=d(2026, 11, 1))

    assert len(erased) == 3  # Elin and Tomas (ended), Bengt (declined); open cases stay
    assert not Placement.objects.filter(pk__in=erased).exists()
    assert Participant.objects.count() == 4
    assert not SupportNeeds.objects.filter(placement_id__in=erased).exists()
    assert ErasureRecord.objects.count() == 3
    assert MonthlyStatistic.objects.exists()
    assert all_reports(october) == before
    board_after = dashboard(
        [october],
        start=d(2025, 1, 1),
        end=d(2025, 12, 1),
        today=d(2025, 12, 15),
        group_by="agreement",
    )
    assert board_after.used == board_before.used
    assert board_after.outcomes == board_before.outcomes
    assert board_after.average_days_to_exit == board_before.average_days_to_exit
    assert board_after.follow_ups == board_before.follow_ups
    worker.refresh_from_db()
    assert worker.name == "Raderad deltagare"
    assert not worker.is_active


def test_retention_runs_from_the_last_entry(agreement):
    ended = make_case(
        agreement,
        "sara",
        state="ended",
        start=d(2020, 1, 6),
        end=d(2020, 6, 30),
        outcome="moved",
        last_entry_on=d(2021, 3, 1),
    )
    assert erasure_due_on(ended) == d(2026, 3, 1)  # default 5 years
    assert due_for_erasure(d(2026, 2, 28)) == []
    assert due_for_erasure(d(2026, 3, 1)) == [ended]
    active = make_case(agreement, "ahmed", start=d(2019, 1, 7), last_entry_on=d(2019, 2, 1))
    assert erasure_due_on(active) is None  # open cases are never erased


def test_the_management_command_erases_and_reports(agreement, capsys):
    make_case(
        agreement,
        "sara",
        state="ended",
        start=d(2015, 1, 5),
        end=d(2015, 6, 30),
        outcome="moved",
        last_entry_on=d(2015, 7, 1),
    )
    call_command("erase_expired_placements", "--dry-run")
    assert Placement.objects.count() == 1
    assert "1" in capsys.readouterr().out
    call_command("erase_expired_placements")
    assert Placement.objects.count() == 0
    assert ErasureRecord.objects.get().reason == "retention"


def test_the_register_extract_holds_everything_and_is_logged(login, placement_officer, case):
    response = login(placement_officer).get(f"/placements/people/{case.pk}/extract.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    data = json.loads(response.content)
    assert data["format"] == "inkludera-register-extract/1"
    (extracted,) = data["cases"]
    assert extracted["person"]["personal_identity_number"] == "19900602-2397"
    assert extracted["person"]["name"] == "Ahmed Testsson"
    assert extracted["support_needs"]["support_needs"] == "Behöver lugn miljö."
    assert extracted["consents"][0]["purpose"] == "Stöd i kontakten med Försäkringskassan"
    assert any(r["what"] == "register_extract" for r in extracted["who_read_the_data"])
    assert PersonalDataAccess.objects.filter(
        reader=placement_officer, part="register_extract", subject_id=str(case.pk)
    ).exists()

    pdf = login(placement_officer).get(f"/placements/people/{case.pk}/extract.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_the_extract_gathers_the_persons_other_cases_the_reader_may_see(
    login, asf_manager, case, kasak, ronneby
):
    from inkludera.placements.tests.factories import make_agreement

    earlier = make_case(
        case.agreement,
        "ahmed",
        state="ended",
        start=d(2022, 1, 3),
        end=d(2022, 6, 30),
        outcome="studies",
    )
    elsewhere = make_case(make_agreement(kasak, ronneby.organisation), "ahmed", start=d(2024, 1, 8))
    data = json.loads(login(asf_manager).get(f"/placements/people/{case.pk}/extract.json").content)
    assert [c["case"] for c in data["cases"]] == [
        case.reference,
        earlier.reference,
        elsewhere.reference,
    ]
