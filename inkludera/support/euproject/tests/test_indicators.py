"""CO01, CO04, CO05 and CO08 from the platform's own records, one count per organisation number."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.support.conftest import make_activity
from inkludera.support.euproject import indicators
from inkludera.support.euproject.models import Advice, IndicatorTarget, WorkforceSnapshot
from inkludera.support.events.models import Participation
from inkludera.support.incubator.models import Meeting, Stage, StageChange, Venture

D = datetime.date


def advise(project, organisation, day):
    return Advice.objects.create(
        project=project,
        organisation=organisation,
        given_on=day,
        hours=Decimal("2"),
        topic="finance",
    )


def took_part(project, organisation, day, women=1, men=1):
    activity = make_activity(title=f"Dag {day}", project=project)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    activity.starts_at, activity.ends_at = start, start + datetime.timedelta(hours=4)
    activity.save()
    return Participation.objects.create(
        activity=activity, organisation=organisation, women=women, men=men
    )


def venture_of(programme, municipality, organisation=None, org_number="", established=None):
    venture = Venture.objects.create(
        programme=programme,
        name="Cykelverkstan",
        idea="Cyklar",
        target_group="Unga",
        municipality=municipality,
        contact_name="A",
        contact_email="a@example.com",
        stage=Stage.ESTABLISHED if established else Stage.START_UP,
        stage_entered_on=established or D(2017, 3, 1),
        applied_on=D(2016, 2, 1),
        organisation=organisation,
        org_number=org_number or (organisation.org_number if organisation else ""),
        established_on=established,
    )
    Meeting.objects.create(venture=venture, held_on=D(2017, 4, 5), minutes=60, notes="Styrelse")
    if established:
        StageChange.objects.create(
            venture=venture, from_stage="start_up", to_stage="established", changed_on=established
        )
    return venture


def test_a_company_helped_in_two_ways_is_counted_once_in_co01(project, kasak, other_asf):
    # given KASAK got advice and took part in a business day; Returen only took part
    advise(project, kasak, D(2016, 3, 10))
    took_part(project, kasak, D(2017, 10, 11))
    took_part(project, other_asf, D(2017, 10, 11))

    # when the indicators are computed for the whole project
    values = indicators.compute(project, project.starts_on, project.ends_on)

    # then each enterprise counts once, and KASAK's two kinds of support are both traceable
    assert values["CO01"].value == 2
    assert values["CO04"].value == 2
    kasak_row = next(e for e in values["CO01"].enterprises if e.org_number == kasak.org_number)
    assert kasak_row.kinds == ["activity", "advice"]
    assert [s.day for s in kasak_row.supports] == [D(2016, 3, 10), D(2017, 10, 11)]


def test_an_incubator_venture_and_its_asf_are_one_enterprise(project, programme, kasak, karlskrona):
    # given a venture that became KASAK through the incubator, and advice to KASAK
    programme.project = project
    programme.save()
    venture_of(programme, karlskrona, organisation=kasak, established=D(2018, 3, 20))
    advise(project, kasak, D(2018, 5, 1))

    values = indicators.compute(project, project.starts_on, project.ends_on)

    assert values["CO01"].value == 1
    assert values["CO05"].value == 1
    assert values["CO05"].enterprises[0].established_on == D(2018, 3, 20)


def test_ventures_without_an_organisation_number_do_not_count(project, programme, karlskrona):
    programme.project = project
    programme.save()
    venture_of(programme, karlskrona, org_number="")
    values = indicators.compute(project, project.starts_on, project.ends_on)
    assert values["CO01"].value == 0


def test_ventures_of_programmes_outside_the_project_do_not_count(
    project, programme, karlskrona, kasak
):
    venture_of(programme, karlskrona, organisation=kasak, established=D(2018, 3, 20))
    values = indicators.compute(project, project.starts_on, project.ends_on)
    assert values["CO01"].value == 0
    assert values["CO05"].value == 0


def test_support_outside_the_range_is_not_counted(project, kasak):
    advise(project, kasak, D(2016, 3, 10))
    values = indicators.compute(project, D(2017, 1, 1), D(2017, 6, 30))
    assert values["CO01"].value == 0


def test_co08_is_the_increase_since_support_started_never_below_zero(project, kasak, other_asf):
    advise(project, kasak, D(2016, 3, 10))
    advise(project, other_asf, D(2016, 3, 10))
    snapshots = [
        (kasak, D(2016, 3, 10), "baseline", 6),
        (kasak, D(2017, 12, 31), "follow_up", 10),
        (kasak, D(2018, 12, 31), "follow_up", 11),
        (other_asf, D(2016, 3, 10), "baseline", 5),
        (other_asf, D(2017, 12, 31), "follow_up", 3),
    ]
    for organisation, day, kind, employees in snapshots:
        WorkforceSnapshot.objects.create(
            project=project,
            organisation=organisation,
            counted_on=day,
            kind=kind,
            employees=employees,
        )

    at_2017 = indicators.compute(project, project.starts_on, D(2017, 12, 31))
    at_end = indicators.compute(project, project.starts_on, project.ends_on)

    assert at_2017["CO08"].value == Decimal("4")  # KASAK +4, Returen −2 counts as 0
    assert at_end["CO08"].value == Decimal("5")


def test_targets_are_shown_beside_the_values(project, kasak):
    IndicatorTarget.objects.create(project=project, indicator="CO01", target=Decimal("4"))
    advise(project, kasak, D(2016, 3, 10))
    value = indicators.compute(project, project.starts_on, project.ends_on)["CO01"]
    assert value.target == 4
    assert value.share_of_target == Decimal("0.25")


@pytest.mark.django_db
def test_the_indicator_page_lists_the_enterprises_behind_each_figure(
    login, support_staff, project, kasak
):
    advise(project, kasak, D(2016, 3, 10))
    took_part(project, kasak, D(2017, 10, 11))
    response = login(support_staff).get("/eu-project/sib/indicators/")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count(kasak.org_number) == 1
    assert "Rådgivning" in text or "Råd" in text
    assert "Dag 2017-10-11" in text
