"""Writes to the service catalogue: a service's terms, and its prices from a date.

A price is never changed once it has been valid: a new price is a new `PriceVersion`
from today or later. Only a price that has not started yet may be replaced.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inkludera.accounts.models import User
from inkludera.core.services import record_audit
from inkludera.directory.models import PriceVersion, Service


@transaction.atomic
def save_service(
    *,
    actor: User,
    service: Service,
    price: Decimal | None = None,
    valid_from: datetime.date | None = None,
) -> Service:
    """Create or update a service's terms; a new service needs its first price."""
    is_new = service.pk is None
    if is_new and price is None:
        raise ValidationError({"price": _("A new service needs a price.")})
    service.full_clean()
    service.save()
    if price is not None:
        set_price(actor=actor, service=service, price=price, valid_from=valid_from)
    record_audit(
        actor=actor,
        subject=service,
        action="service.created" if is_new else "service.updated",
        organisation=service.asf,
    )
    return service


@transaction.atomic
def set_price(
    *,
    actor: User,
    service: Service,
    price: Decimal,
    valid_from: datetime.date | None,
    today: datetime.date | None = None,
) -> PriceVersion:
    day = today or timezone.localdate()
    start = valid_from or day
    if price is None or price <= 0:
        raise ValidationError({"price": _("The price must be above 0.")})
    if start < day:
        raise ValidationError(
            {"valid_from": _("A price cannot start in the past: choose today or later.")}
        )
    existing = PriceVersion.objects.select_for_update().filter(service=service, valid_from=start)
    version = existing.first()
    if version is not None and version.valid_from <= day:
        raise ValidationError(
            {
                "valid_from": _(
                    "A price is already valid from this day and cannot be changed: "
                    "choose a later day."
                )
            }
        )
    if version is None:
        version = PriceVersion(service=service, valid_from=start)
    version.price = price
    version.full_clean()
    version.save()
    record_audit(
        actor=actor,
        subject=service,
        action="service.price_set",
        organisation=service.asf,
        data={"price": str(price), "valid_from": start.isoformat()},
    )
    return version
