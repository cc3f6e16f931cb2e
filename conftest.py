"""Test personas shared by every app (named after roles, STYLE.md habit 5).

KASAK is the ASF under test; `outsider` is the manager of another ASF. Apps add their own
fixtures in `inkludera/<app>/tests/conftest.py`.
"""

from __future__ import annotations

import pytest
from django.test import Client

from inkludera.accounts.models import Municipality, Organisation, Role, User
from inkludera.accounts.tests.factories import (
    make_asf,
    make_municipality,
    make_organisation,
    make_user,
)


@pytest.fixture(autouse=True)
def _no_lockout_between_tests(settings):  # type: ignore[no-untyped-def]
    settings.AXES_ENABLED = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Tests run inside one transaction, so commits never bump the public page cache's
    # version; inkludera/core/tests/test_pagecache.py turns it on where it is tested.
    settings.PAGE_CACHE = False


@pytest.fixture
def page_cache(settings):  # type: ignore[no-untyped-def]
    """The page cache on, empty before and after (use with django_db(transaction=True),
    so that commits move the versions)."""
    from inkludera.core import pagecache

    settings.PAGE_CACHE = True
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.fixture
def karlskrona(db) -> Municipality:  # type: ignore[no-untyped-def]
    return make_municipality("Karlskrona kommun", "1080", "2120000811")


@pytest.fixture
def ronneby(db) -> Municipality:  # type: ignore[no-untyped-def]
    return make_municipality("Ronneby kommun", "1081", "2120000829")


@pytest.fixture
def kasak(karlskrona) -> Organisation:  # type: ignore[no-untyped-def]
    return make_asf("KASAK", karlskrona, slug="kasak").organisation


@pytest.fixture
def other_asf(ronneby) -> Organisation:  # type: ignore[no-untyped-def]
    return make_asf("Returen", ronneby, slug="returen").organisation


@pytest.fixture
def coompanion(db) -> Organisation:  # type: ignore[no-untyped-def]
    return make_organisation("Coompanion Blekinge", Organisation.Kind.SUPPORT)


@pytest.fixture
def support_staff(coompanion) -> User:  # type: ignore[no-untyped-def]
    return make_user("stod@test.example", Role.SUPPORT_STAFF, coompanion)


@pytest.fixture
def asf_manager(kasak) -> User:  # type: ignore[no-untyped-def]
    return make_user("chef@kasak.example", Role.ASF_MANAGER, kasak)


@pytest.fixture
def supervisor(kasak) -> User:  # type: ignore[no-untyped-def]
    return make_user("handledare@kasak.example", Role.SUPERVISOR, kasak)


@pytest.fixture
def employee(kasak) -> User:  # type: ignore[no-untyped-def]
    return make_user("anstalld@kasak.example", Role.EMPLOYEE, kasak)


@pytest.fixture
def municipal_buyer(karlskrona) -> User:  # type: ignore[no-untyped-def]
    return make_user("inkop@karlskrona.example", Role.MUNICIPAL_BUYER, karlskrona.organisation)


@pytest.fixture
def placement_officer(karlskrona) -> User:  # type: ignore[no-untyped-def]
    return make_user(
        "handlaggare@karlskrona.example", Role.PLACEMENT_OFFICER, karlskrona.organisation
    )


@pytest.fixture
def customer(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("kund@example.com", Role.CUSTOMER, None)


@pytest.fixture
def outsider(other_asf) -> User:  # type: ignore[no-untyped-def]
    """The manager of another ASF: signed in, but none of KASAK's business."""
    return make_user("chef@returen.example", Role.ASF_MANAGER, other_asf)


@pytest.fixture
def login(client: Client):  # type: ignore[no-untyped-def]
    """`login(user)` signs the test client in as `user` and returns the client."""

    def _login(user: User) -> Client:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
