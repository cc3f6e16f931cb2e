"""Parameter versions: drafts, publishing, and reports that keep their numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inkludera.impact import services
from inkludera.impact.models import ImpactReport, ParameterVersion, Rate, SituationCost
from inkludera.impact.params import load_parameters
from inkludera.impact.reports import build_asf_report
from inkludera.impact.sources import year_facts

pytestmark = pytest.mark.django_db


def new_version(parameters, actor, *, production_value: str) -> ParameterVersion:  # type: ignore[no-untyped-def]
    draft = services.create_draft(parameter_set=parameters.parameter_set, actor=actor)
    rate = Rate.objects.get(version=draft, key="production_value_per_hour")
    services.update_parameter_value(
        obj=rate, data={"value": Decimal(production_value)}, actor=actor
    )
    return services.publish_version(version=draft, change_note="Nytt timvärde", actor=actor)


def test_a_new_version_changes_the_result_while_old_reports_keep_theirs(
    kasak, kasak_2025, parameters, support_staff
):
    old = services.compute_asf_report(asf=kasak, year=2025)
    old_real = old.result["summary"]["real_effect"]
    assert old.version == parameters

    v2 = new_version(parameters, support_staff, production_value="200")
    new = services.compute_asf_report(asf=kasak, year=2025)
    assert new.pk != old.pk
    assert new.version == v2
    # Production value per hour 150 → 200: hours are 2 × 1 500 + 4 × 450 = 4 800,
    # so the real effect grows by 4 800 × 50 = 240 000 kr.
    assert Decimal(new.result["summary"]["real_effect"]) - Decimal(old_real) == Decimal(240000)
    old.refresh_from_db()
    assert old.result["summary"]["real_effect"] == old_real
    assert old.result["parameters"]["version"] == 1
    assert list(ImpactReport.objects.for_asf(kasak, 2025)) == [new, old]


def test_recomputing_with_the_same_version_gives_the_same_numbers(kasak, kasak_2025, parameters):
    stored = services.compute_asf_report(asf=kasak, year=2025)
    again = services.compute_asf_report(asf=kasak, year=2025, version=parameters)
    assert again.pk == stored.pk
    fresh = build_asf_report(
        asf=services.org_info(kasak),
        facts=year_facts(kasak.pk, 2025),
        params=load_parameters(parameters, 2025),
        buyers=services.buyer_infos([year_facts(kasak.pk, 2025)]),
    )
    for section in ("summary", "actors", "invariant", "sroi", "forecast", "buyers"):
        assert fresh[section] == stored.result[section]


def test_changed_figures_make_a_new_report(kasak, kasak_2025, parameters):
    first = services.compute_asf_report(asf=kasak, year=2025)
    record = kasak_2025.people.first()
    record.hours = Decimal(1600)
    record.save()
    state = services.statement_state(asf=kasak, year=2025)
    assert state.data_changed
    assert state.report == first
    second = services.compute_asf_report(asf=kasak, year=2025)
    assert second.pk != first.pk
    assert second.fingerprint != first.fingerprint


def test_a_published_version_cannot_change(parameters, support_staff):
    cost = SituationCost.objects.filter(situation__version=parameters).first()
    with pytest.raises(ValidationError, match="publicerad"):
        services.update_parameter_value(obj=cost, data={"amount": Decimal(1)}, actor=support_staff)


def test_a_draft_copies_every_value_and_only_one_draft_at_a_time(parameters, support_staff):
    draft = services.create_draft(parameter_set=parameters.parameter_set, actor=support_staff)
    assert draft.number == 2
    assert draft.is_draft
    for relation in ("price_indices", "rates", "situations", "outcomes"):
        assert getattr(draft, relation).count() == getattr(parameters, relation).count()
    assert SituationCost.objects.filter(situation__version=draft).count() == (
        SituationCost.objects.filter(situation__version=parameters).count()
    )
    with pytest.raises(ValidationError):
        services.create_draft(parameter_set=parameters.parameter_set, actor=support_staff)
    # Drafts are not used for accounts until published.
    assert ParameterVersion.objects.current() == parameters


def test_changes_since_the_previous_version_are_listed(parameters, support_staff):
    v2 = new_version(parameters, support_staff, production_value="175")
    changes = services.version_changes(v2)
    assert changes == [
        {
            "label": "Produktionsvärde per arbetad timme",
            "before": "150 (2025)",
            "after": "175 (2025)",
        }
    ]


def test_publishing_needs_a_note(parameters, support_staff):
    draft = services.create_draft(parameter_set=parameters.parameter_set, actor=support_staff)
    with pytest.raises(ValidationError):
        services.publish_version(version=draft, change_note=" ", actor=support_staff)


def test_every_default_value_names_a_source_or_is_an_assumption(parameters):
    params = load_parameters(parameters, 2025)
    for row in params.values:
        assert row.source_title or row.is_assumption, row.label
        if row.group == "situation":
            assert row.price_year is not None
    # Values with sources from the research notes keep them, with a price year:
    sick = next(r for r in params.values if r.label.endswith("Sjukersättning"))
    assert sick.price_year == 2007
    assert "KOS" in sick.source_title
    discount = next(r for r in params.values if r.key == "discount_rate")
    assert not discount.is_assumption
    assert "SROI" in discount.source_title
