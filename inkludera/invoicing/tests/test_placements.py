import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inkludera.invoicing import peppol_rules, ubl
from inkludera.invoicing.services import invoice_placement_month
from inkludera.placements.models import Agreement
from inkludera.placements.tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def test_a_placement_month_is_invoiced_once(kasak_terms, karlskrona, asf_manager):
    agreement = make_agreement(kasak_terms.asf, karlskrona.organisation, places=10)
    Agreement.objects.filter(pk=agreement.pk).update(buyer_reference="AME-77")
    month = datetime.date(2026, 10, 1)
    invoice = invoice_placement_month(agreement_id=agreement.pk, month=month, actor=asf_manager)
    assert invoice.source == f"placement-agreement:{agreement.pk}:2026-10"
    assert invoice.buyer_reference == "AME-77"
    assert invoice.net_total == Decimal("98000.00")  # 10 places x 9800, VAT exempt
    assert invoice.vat_total == Decimal("0.00")
    assert peppol_rules.check(ubl.document(invoice)) == []
    with pytest.raises(ValidationError):
        invoice_placement_month(agreement_id=agreement.pk, month=month, actor=asf_manager)
