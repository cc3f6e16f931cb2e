import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from inkludera.invoicing import peppol_rules, ubl
from inkludera.invoicing.services import credit_invoice

pytestmark = pytest.mark.django_db


def test_export_writes_one_valid_file_per_invoice(tmp_path, municipal_invoice, asf_manager):
    credit_invoice(invoice=municipal_invoice, actor=asf_manager, reason="Fel")
    call_command("export_invoices", "--format", "peppol", "--out", str(tmp_path), "--asf", "kasak")
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kasak-faktura-1.xml", "kasak-kreditnota-2.xml"]
    for path in tmp_path.iterdir():
        root = etree.parse(str(path)).getroot()
        assert ubl.schema_errors(root) == []
        assert peppol_rules.check(root) == []


def test_export_refuses_an_unknown_asf(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "export_invoices", "--format", "peppol", "--out", str(tmp_path), "--asf", "nope"
        )
