import copy
from decimal import Decimal

import pytest
from lxml import etree

from inkludera.invoicing import peppol_rules, ubl
from inkludera.invoicing.services import credit_invoice

pytestmark = pytest.mark.django_db
NS = ubl.NS


def test_invoice_is_valid_ubl_and_passes_the_rules(municipal_invoice):
    root = ubl.document(municipal_invoice)
    assert ubl.schema_errors(root) == []
    assert peppol_rules.check(root) == []
    parsed = etree.fromstring(ubl.to_bytes(root))
    assert parsed.findtext("cbc:CustomizationID", namespaces=NS) == ubl.CUSTOMIZATION_ID
    assert parsed.findtext("cbc:BuyerReference", namespaces=NS) == "KS-4711"
    assert parsed.findtext("cac:OrderReference/cbc:ID", namespaces=NS) == "PO-2026-88"
    seller = parsed.find("cac:AccountingSupplierParty/cac:Party", namespaces=NS)
    org = municipal_invoice.seller.org_number
    endpoint = seller.find("cbc:EndpointID", namespaces=NS)
    assert (endpoint.text, endpoint.get("schemeID")) == (org, "0007")
    schemes = {
        s.findtext("cac:TaxScheme/cbc:ID", namespaces=NS): s.findtext(
            "cbc:CompanyID", namespaces=NS
        )
        for s in seller.findall("cac:PartyTaxScheme", namespaces=NS)
    }
    assert schemes == {"VAT": f"SE{org}01", "TAX": "Godkänd för F-skatt"}
    means = parsed.find("cac:PaymentMeans", namespaces=NS)
    assert means.findtext("cbc:PaymentMeansCode", namespaces=NS) == "30"
    assert means.findtext("cbc:PaymentID", namespaces=NS) == municipal_invoice.ocr
    assert means.findtext("cac:PayeeFinancialAccount/cbc:ID", namespaces=NS) == "50501055"
    assert (
        means.findtext(
            "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID", namespaces=NS
        )
        == "SE:BANKGIRO"
    )
    categories = [
        c.findtext("cbc:ID", namespaces=NS)
        for c in parsed.findall("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", namespaces=NS)
    ]
    assert categories == ["S", "S", "E"]
    assert parsed.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS) == "12900.72"


def test_credit_note_is_valid_ubl_and_references_the_invoice(municipal_invoice, asf_manager):
    note = credit_invoice(invoice=municipal_invoice, actor=asf_manager, reason="Fel pris")
    root = ubl.document(note)
    assert root.tag == "{{{}}}CreditNote".format(NS["cn"])
    assert ubl.schema_errors(root) == []
    assert peppol_rules.check(root) == []
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    assert root.findtext(
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS
    ) == str(municipal_invoice.number)


def test_schema_rejects_a_document_out_of_order(municipal_invoice):
    root = ubl.document(municipal_invoice)
    root.append(root.find("cbc:CustomizationID", namespaces=NS))  # moved to the end
    assert ubl.schema_errors(root)


def test_schema_is_the_complete_oasis_ubl_2_1(municipal_invoice):
    header = (ubl.SCHEMAS / "maindoc" / "UBL-Invoice-2.1.xsd").read_text()[:400]
    assert "OASIS Universal Business Language (UBL) 2.1 OS" in header
    root = ubl.document(municipal_invoice)
    # Elements Inkludera does not emit are still valid UBL 2.1 (not a reduced subset).
    version = etree.Element("{{{}}}UBLVersionID".format(NS["cbc"]))
    version.text = "2.1"
    root.insert(0, version)
    delivery = etree.Element("{{{}}}Delivery".format(NS["cac"]))
    date = etree.SubElement(delivery, "{{{}}}ActualDeliveryDate".format(NS["cbc"]))
    date.text = "2026-12-10"
    root.find("cac:PaymentMeans", namespaces=NS).addprevious(delivery)
    assert ubl.schema_errors(root) == []


def test_schema_rejects_an_amount_without_currency(municipal_invoice):
    root = ubl.document(municipal_invoice)
    del root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS).attrib["currencyID"]
    assert ubl.schema_errors(root)


def _set(path, value):
    def change(root):
        for element in root.xpath(path, namespaces=NS):
            element.text = value

    return change


def _remove(path):
    def change(root):
        for element in root.xpath(path, namespaces=NS):
            element.getparent().remove(element)

    return change


def _attr(path, name, value):
    def change(root):
        for element in root.xpath(path, namespaces=NS):
            element.set(name, value)

    return change


SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"
TOTAL = "cac:LegalMonetaryTotal"
LINE = "cac:InvoiceLine"
SUB = "cac:TaxTotal/cac:TaxSubtotal"
TAX_SCHEME = f"{SELLER}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='TAX']/cbc:CompanyID"
VAT_SCHEME = f"{SELLER}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"
ACCOUNT = "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"

BREAKAGES = {
    "BR-01": _set("cbc:CustomizationID", ""),
    "BR-02": _set("cbc:ID", ""),
    "BR-03": _remove("cbc:IssueDate"),
    "BR-04": _remove("cbc:InvoiceTypeCode"),
    "BR-05": _remove("cbc:DocumentCurrencyCode"),
    "BR-06": _remove(f"{SELLER}/cac:PartyLegalEntity/cbc:RegistrationName"),
    "BR-07": _remove(f"{BUYER}/cac:PartyLegalEntity/cbc:RegistrationName"),
    "BR-08": _remove(f"{SELLER}/cac:PostalAddress"),
    "BR-09": _remove(f"{SELLER}/cac:PostalAddress/cac:Country"),
    "BR-10": _remove(f"{BUYER}/cac:PostalAddress"),
    "BR-11": _remove(f"{BUYER}/cac:PostalAddress/cac:Country"),
    "BR-12": _remove(f"{TOTAL}/cbc:LineExtensionAmount"),
    "BR-13": _remove(f"{TOTAL}/cbc:TaxExclusiveAmount"),
    "BR-14": _remove(f"{TOTAL}/cbc:TaxInclusiveAmount"),
    "BR-15": _remove(f"{TOTAL}/cbc:PayableAmount"),
    "BR-16": _remove(LINE),
    "BR-21": _set(f"{LINE}[1]/cbc:ID", ""),
    "BR-22": _remove(f"{LINE}[1]/cbc:InvoicedQuantity"),
    "BR-23": _attr(f"{LINE}[1]/cbc:InvoicedQuantity", "unitCode", ""),
    "BR-24": _remove(f"{LINE}[1]/cbc:LineExtensionAmount"),
    "BR-25": _set(f"{LINE}[1]/cac:Item/cbc:Name", ""),
    "BR-26": _remove(f"{LINE}[1]/cac:Price/cbc:PriceAmount"),
    "BR-27": _set(f"{LINE}[1]/cac:Price/cbc:PriceAmount", "-1.00"),
    "BR-61": _remove(ACCOUNT),
    "BR-CO-10": _set(f"{TOTAL}/cbc:LineExtensionAmount", "10498.49"),
    "BR-CO-13": _set(f"{TOTAL}/cbc:TaxExclusiveAmount", "10498.51"),
    "BR-CO-14": _set("cac:TaxTotal/cbc:TaxAmount", "2402.21"),
    "BR-CO-15": _set(f"{TOTAL}/cbc:TaxInclusiveAmount", "12900.73"),
    "BR-CO-16": _set(f"{TOTAL}/cbc:PayableAmount", "12900.71"),
    "BR-CO-17": _set(f"{SUB}[1]/cbc:TaxAmount", "2370.01"),
    "BR-CO-18": _remove(SUB),
    "BR-CO-25": lambda root: (_remove("cbc:DueDate")(root), _remove("cac:PaymentTerms")(root)),
    "BR-S-08": _set(f"{SUB}[1]/cbc:TaxableAmount", "9480.01"),
    "BR-S-05": _set(f"{LINE}[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "0"),
    "BR-E-05": _set(f"{LINE}[3]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "6"),
    "BR-E-10": _remove(f"{SUB}/cac:TaxCategory/cbc:TaxExemptionReason"),
    "BR-S-02": _remove(f"{SELLER}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']"),
    "PEPPOL-EN16931-R001": _remove("cbc:ProfileID"),
    "PEPPOL-EN16931-R003": lambda root: (
        _remove("cbc:BuyerReference")(root),
        _remove("cac:OrderReference")(root),
    ),
    "PEPPOL-EN16931-R004": _set("cbc:CustomizationID", "urn:cen.eu:en16931:2017"),
    "PEPPOL-EN16931-R007": _set("cbc:ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:x:1.0"),
    "PEPPOL-EN16931-R010": _remove(f"{BUYER}/cbc:EndpointID"),
    "PEPPOL-EN16931-R020": _remove(f"{SELLER}/cbc:EndpointID"),
    "PEPPOL-EN16931-R051": _attr(f"{TOTAL}/cbc:PayableAmount", "currencyID", "EUR"),
    "PEPPOL-EN16931-R053": lambda root: root.insert(
        list(root).index(root.find("cac:TaxTotal", namespaces=NS)),
        copy.deepcopy(root.find("cac:TaxTotal", namespaces=NS)),
    ),
    "PEPPOL-EN16931-R120": _set(f"{LINE}[1]/cac:Price/cbc:PriceAmount", "395.01"),
    "PEPPOL-COMMON-R040": _attr(f"{SELLER}/cbc:EndpointID", "schemeID", "0088"),
    "SE-R-001": _set(VAT_SCHEME, "SE55667788990"),
    "SE-R-002": _set(VAT_SCHEME, "SE556677889A01"),
    "SE-R-003": _set(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "556677-8899"),
    "SE-R-004": _set(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "55667788"),
    "SE-R-005": _set(TAX_SCHEME, "Godkänd för F-skatt."),
    "SE-R-006": lambda root: (
        _set(f"{LINE}[1]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent", "24")(root),
    ),
    "SE-R-008": _set(ACCOUNT, "5050-105"),
    "SE-R-009": _set(ACCOUNT, "505010551"),
    "INKL-SE-BG": _set("cac:PaymentMeans/cbc:PaymentMeansCode", "58"),
    "SE-R-013": _set(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "5566778890"),
}


def test_every_rule_has_a_breaking_test():
    assert {code for code, _m, _f in peppol_rules.RULES} == set(BREAKAGES)


@pytest.mark.parametrize("code", sorted(BREAKAGES))
def test_rule_catches_a_broken_invoice(code, municipal_invoice):
    root = ubl.document(municipal_invoice)
    assert peppol_rules.check(root) == []
    BREAKAGES[code](root)
    assert code in {f.rule for f in peppol_rules.check(root)}


def test_vat_and_org_numbers_from_the_seller(municipal_invoice):
    settings = municipal_invoice.seller.invoice_settings
    assert settings.vat_number == f"SE{municipal_invoice.seller.org_number}01"
    assert municipal_invoice.net_total == Decimal("10498.50")
