import datetime

import pytest

from inkludera.demo import blekinge
from inkludera.demo.registry import DemoContext
from inkludera.invoicing import demo
from inkludera.invoicing.models import Invoice, InvoiceSettings

pytestmark = pytest.mark.django_db


def test_demo_invoices_are_seeded_once():
    context = DemoContext(today=datetime.date(2026, 11, 28), log=lambda m: None)
    blekinge.seed(context)
    demo.seed(context)
    demo.seed(context)  # idempotent
    assert InvoiceSettings.objects.count() == 12
    assert InvoiceSettings.objects.get(asf__slug="kasak").bankgiro == "5050-1055"
    kasak = Invoice.objects.filter(seller__slug="kasak")
    assert kasak.count() == 6
    assert kasak.filter(buyer__slug="karlskrona-kommun").paid().count() == 3
    assert kasak.overdue(context.today).count() == 1
    rut = kasak.get(buyer__isnull=True)
    assert rut.has_rut
    assert rut.customer_personal_number == "191212121212"
    assert all(i.is_demo for i in kasak)
