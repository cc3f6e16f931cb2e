"""Placements personas on top of the shared ones (conftest.py at the root).

KASAK's manager and supervisor, Karlskrona's placement officer and buyer are the insiders;
`other_supervisor` works at KASAK but does not supervise the person; `other_officer` is a
placement officer at Ronneby; `consented_support` is support staff at an organisation the
person has consented to.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.utils import timezone

from inkludera.accounts.models import Organisation, Role, User
from inkludera.accounts.tests.factories import make_organisation, make_user
from inkludera.placements import services
from inkludera.placements.models import Agreement, Consent, Placement
from inkludera.placements.tests.factories import make_agreement, make_case


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    """Personas are made in every test of the access table: hash their passwords fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def agreement(kasak, karlskrona) -> Agreement:  # type: ignore[no-untyped-def]
    return make_agreement(kasak, karlskrona.organisation)


@pytest.fixture
def other_supervisor(kasak) -> User:  # type: ignore[no-untyped-def]
    return make_user("handledare2@kasak.example", Role.SUPERVISOR, kasak)


@pytest.fixture
def other_officer(ronneby) -> User:  # type: ignore[no-untyped-def]
    return make_user("handlaggare@ronneby.example", Role.PLACEMENT_OFFICER, ronneby.organisation)


@pytest.fixture
def consented_org(db) -> Organisation:  # type: ignore[no-untyped-def]
    return make_organisation("Samordningsstöd Blekinge", Organisation.Kind.SUPPORT)


@pytest.fixture
def consented_support(consented_org) -> User:  # type: ignore[no-untyped-def]
    return make_user("stod@samordning.example", Role.SUPPORT_STAFF, consented_org)


@pytest.fixture
def case(agreement, supervisor, placement_officer, consented_org, today) -> Placement:  # type: ignore[no-untyped-def]
    """An active place, started 30 days ago, with consent for `consented_org`."""
    placement = make_case(
        agreement,
        "ahmed",
        start=today - datetime.timedelta(days=30),
        supervisor=supervisor,
        referred_by=placement_officer,
    )
    Consent.objects.create(
        placement=placement,
        organisation=consented_org,
        purpose="Stöd i kontakten med Försäkringskassan",
        method=Consent.Method.WRITTEN,
        given_on=today,
    )
    return placement


@pytest.fixture
def on_day(monkeypatch) -> Callable[[datetime.date], object]:  # type: ignore[no-untyped-def]
    """`with on_day(d):` makes the services believe today is `d`."""

    @contextmanager
    def _on(day: datetime.date) -> Iterator[None]:
        with monkeypatch.context() as patch:
            patch.setattr(services, "_today", lambda: day)
            yield

    return _on
