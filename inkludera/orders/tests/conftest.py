"""Orders personas on top of the shared ones (conftest.py at the root).

KASAK sells `wash` (260 kr per car from the start of last year); Karlskrona's buyer
orders it. `ronneby_buyer` is the other municipality's buyer: none of Karlskrona's business.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from inkludera.accounts.models import Role, User
from inkludera.accounts.tests.factories import make_category, make_user
from inkludera.directory.models import PriceVersion, Service
from inkludera.orders import services
from inkludera.orders.models import Order


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def wash(kasak, today) -> Service:  # type: ignore[no-untyped-def]
    service = Service.objects.create(
        asf=kasak, category=make_category(), name="Utvändig biltvätt", unit=Service.Unit.ITEM
    )
    PriceVersion.objects.create(
        service=service, valid_from=datetime.date(today.year - 1, 1, 1), price=Decimal("260")
    )
    return service


@pytest.fixture
def ronneby_buyer(ronneby) -> User:  # type: ignore[no-untyped-def]
    return make_user("inkop@ronneby.example", Role.MUNICIPAL_BUYER, ronneby.organisation)


def order_data(**changes: object) -> dict[str, object]:
    today = timezone.localdate()
    data: dict[str, object] = {
        "quantity": Decimal("24"),
        "period_start": today + datetime.timedelta(days=7),
        "period_end": today + datetime.timedelta(days=11),
        "delivery_place": "Kommunförrådet, Karlskrona",
        "buyer_reference": "KS-4410",
        "order_number": "PO-2026-117",
        "note": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def draft(municipal_buyer, karlskrona, wash) -> Order:  # type: ignore[no-untyped-def]
    return services.create_order(
        actor=municipal_buyer, buyer=karlskrona.organisation, service=wash, **order_data()
    )


@pytest.fixture
def placed(draft, municipal_buyer) -> Order:  # type: ignore[no-untyped-def]
    return services.place_order(actor=municipal_buyer, order=draft)


@pytest.fixture
def accepted(placed, asf_manager) -> Order:  # type: ignore[no-untyped-def]
    return services.accept_order(actor=asf_manager, order=placed)
