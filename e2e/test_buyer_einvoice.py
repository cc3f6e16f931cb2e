"""The municipal buyer opens an invoice from KASAK and downloads the Peppol e-invoice."""

from pathlib import Path

from lxml import etree
from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def test_buyer_downloads_the_e_invoice(page, tmp_path: Path):
    log_in(page, "inkop@karlskrona.example")
    page.get_by_role("link", name="Mottagna fakturor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mottagna fakturor")
    assert_accessible(page)

    page.get_by_role("row").filter(has_text="Förfallen").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Faktura")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner e-fakturan (Peppol BIS Billing 3, XML)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    root = etree.parse(str(path)).getroot()
    assert root.tag.endswith("}Invoice")
    assert root.findtext("cbc:CustomizationID", namespaces=NS) == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert root.findtext("cbc:BuyerReference", namespaces=NS) == "KS-FLOTTA-4711"
    seller = root.find("cac:AccountingSupplierParty/cac:Party", namespaces=NS)
    assert seller.find("cbc:EndpointID", namespaces=NS).get("schemeID") == "0007"
    assert "Godkänd för F-skatt" in [
        e.text for e in seller.findall("cac:PartyTaxScheme/cbc:CompanyID", namespaces=NS)
    ]
    assert (
        root.findtext(
            "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID",
            namespaces=NS,
        )
        == "SE:BANKGIRO"
    )


def test_buyer_cannot_see_the_asfs_list(page):
    log_in(page, "inkop@karlskrona.example")
    assert page.goto("/invoices/kasak/").status == 404
