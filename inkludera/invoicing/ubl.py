"""Peppol BIS Billing 3.0 (UBL 2.1) XML for invoices and credit notes to organisations.

`document(invoice)` builds the lxml tree, `to_bytes(tree)` serialises it, `validate(tree)`
checks it against the UBL 2.1 schema shipped in `schemas/`. The business rules are in
`peppol_rules.py`. Element order follows the UBL 2.1 schema sequences.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

from inkludera.invoicing.models import Invoice

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
ORG_SCHEME = "0007"  # ISO 6523: Swedish organisation number (Bolagsverket)
F_TAX_TEXT = "Godkänd för F-skatt"
BANKGIRO_BRANCH = "SE:BANKGIRO"

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CAC = "{{{}}}".format(NS["cac"])
CBC = "{{{}}}".format(NS["cbc"])
SCHEMAS = Path(__file__).parent / "schemas"


def _cbc(parent: etree._Element, tag: str, text: object, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, CBC + tag, attrs)
    element.text = str(text)
    return element


def _cac(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, CAC + name)


def _amount(parent: etree._Element, name: str, value: Decimal, currency: str) -> None:
    _cbc(parent, name, f"{value:.2f}", currencyID=currency)


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _tax_scheme(parent: etree._Element, scheme: str) -> None:
    _cbc(_cac(parent, "TaxScheme"), "ID", scheme)


def _address(party: etree._Element, street: str, city: str, postal_code: str) -> None:
    address = _cac(party, "PostalAddress")
    if street:
        _cbc(address, "StreetName", street)
    if city:
        _cbc(address, "CityName", city)
    if postal_code:
        _cbc(address, "PostalZone", postal_code)
    _cbc(_cac(address, "Country"), "IdentificationCode", "SE")


def _seller(root: etree._Element, invoice: Invoice) -> None:
    seller = invoice.seller
    party = _cac(_cac(root, "AccountingSupplierParty"), "Party")
    _cbc(party, "EndpointID", seller.org_number, schemeID=ORG_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", seller.name)
    _address(party, seller.street_address, seller.city, seller.postal_code)
    vat = _cac(party, "PartyTaxScheme")
    _cbc(vat, "CompanyID", f"SE{seller.org_number}01")
    _tax_scheme(vat, "VAT")
    if invoice.f_tax_approved:
        f_tax = _cac(party, "PartyTaxScheme")
        _cbc(f_tax, "CompanyID", F_TAX_TEXT)
        _tax_scheme(f_tax, "TAX")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", seller.name)
    _cbc(legal, "CompanyID", seller.org_number, schemeID=ORG_SCHEME)
    if seller.email or seller.phone:
        contact = _cac(party, "Contact")
        if seller.phone:
            _cbc(contact, "Telephone", seller.phone)
        if seller.email:
            _cbc(contact, "ElectronicMail", seller.email)


def _buyer(root: etree._Element, invoice: Invoice) -> None:
    party = _cac(_cac(root, "AccountingCustomerParty"), "Party")
    buyer = invoice.buyer
    if buyer is None:
        # A private customer: not a Peppol receiver (no participant identifier, so no
        # EndpointID, PEPPOL-EN16931-R010), but a valid EN 16931 document.
        _cbc(_cac(party, "PartyName"), "Name", invoice.customer_name)
        _address(party, invoice.customer_address, "", "")
        _cbc(_cac(party, "PartyLegalEntity"), "RegistrationName", invoice.customer_name)
        return
    _cbc(party, "EndpointID", buyer.org_number, schemeID=ORG_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", buyer.name)
    _address(party, buyer.street_address, buyer.city, buyer.postal_code)
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", buyer.name)
    _cbc(legal, "CompanyID", buyer.org_number, schemeID=ORG_SCHEME)


def _payment(root: etree._Element, invoice: Invoice) -> None:
    if invoice.is_credit_note and invoice.credits is not None:
        note = _("Credits invoice %(number)s; the amount is set off or paid back.")
        _cbc(_cac(root, "PaymentTerms"), "Note", note % {"number": invoice.credits.number})
        return
    if not invoice.bankgiro:
        _cbc(
            _cac(root, "PaymentTerms"),
            "Note",
            _("Payment within %(days)d days") % {"days": invoice.payment_terms_days},
        )
        return
    means = _cac(root, "PaymentMeans")
    _cbc(means, "PaymentMeansCode", "30", name="Credit transfer")
    _cbc(means, "PaymentID", invoice.ocr)
    account = _cac(means, "PayeeFinancialAccount")
    _cbc(account, "ID", invoice.bankgiro)
    _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", BANKGIRO_BRANCH)
    terms = _cac(root, "PaymentTerms")
    _cbc(
        terms,
        "Note",
        _("Payment within %(days)d days, OCR %(ocr)s")
        % {"days": invoice.payment_terms_days, "ocr": invoice.ocr},
    )


def _tax_total(root: etree._Element, invoice: Invoice) -> None:
    currency = invoice.currency
    total = _cac(root, "TaxTotal")
    _amount(total, "TaxAmount", invoice.vat_total, currency)
    for row in invoice.vat_rows.all():
        subtotal = _cac(total, "TaxSubtotal")
        _amount(subtotal, "TaxableAmount", row.taxable_amount, currency)
        _amount(subtotal, "TaxAmount", row.tax_amount, currency)
        category = _cac(subtotal, "TaxCategory")
        _cbc(category, "ID", row.category)
        _cbc(category, "Percent", _number(row.rate))
        if row.category in ("E", "Z", "AE", "K", "G", "O") and row.exemption_reason:
            _cbc(category, "TaxExemptionReason", row.exemption_reason)
        _tax_scheme(category, "VAT")


def _totals(root: etree._Element, invoice: Invoice) -> None:
    currency = invoice.currency
    totals = _cac(root, "LegalMonetaryTotal")
    _amount(totals, "LineExtensionAmount", invoice.net_total, currency)
    _amount(totals, "TaxExclusiveAmount", invoice.net_total, currency)
    _amount(totals, "TaxInclusiveAmount", invoice.gross_total, currency)
    _amount(totals, "PayableAmount", invoice.gross_total, currency)


def _lines(root: etree._Element, invoice: Invoice) -> None:
    credit = invoice.is_credit_note
    for line in invoice.lines.all():
        element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        _cbc(element, "ID", line.position)
        _cbc(
            element,
            "CreditedQuantity" if credit else "InvoicedQuantity",
            _number(line.quantity),
            unitCode=line.unit,
        )
        _amount(element, "LineExtensionAmount", line.net_amount, invoice.currency)
        item = _cac(element, "Item")
        _cbc(item, "Name", line.description)
        category = _cac(item, "ClassifiedTaxCategory")
        _cbc(category, "ID", line.vat_category)
        _cbc(category, "Percent", _number(line.vat_rate))
        _tax_scheme(category, "VAT")
        _amount(_cac(element, "Price"), "PriceAmount", line.unit_price, invoice.currency)


def document(invoice: Invoice) -> etree._Element:
    """The invoice as a UBL 2.1 Invoice (380) or CreditNote (381), Peppol BIS Billing 3.0."""
    credit = invoice.is_credit_note
    root_ns = NS["cn"] if credit else NS["inv"]
    nsmap = {None: root_ns, "cac": NS["cac"], "cbc": NS["cbc"]}
    root = etree.Element(
        "{{{}}}{}".format(root_ns, "CreditNote" if credit else "Invoice"), nsmap=nsmap
    )
    with translation.override("sv"):
        _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
        _cbc(root, "ProfileID", PROFILE_ID)
        _cbc(root, "ID", invoice.number)
        _cbc(root, "IssueDate", invoice.issue_date.isoformat())
        if not credit:
            _cbc(root, "DueDate", invoice.due_date.isoformat())
        _cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", invoice.kind)
        if invoice.credit_reason:
            _cbc(root, "Note", invoice.credit_reason)
        _cbc(root, "DocumentCurrencyCode", invoice.currency)
        if invoice.buyer_reference:
            _cbc(root, "BuyerReference", invoice.buyer_reference)
        elif invoice.buyer is None and not invoice.order_reference:
            # PEPPOL-EN16931-R003 needs a reference; a private customer's is their name.
            _cbc(root, "BuyerReference", invoice.customer_name)
        if invoice.order_reference:
            _cbc(_cac(root, "OrderReference"), "ID", invoice.order_reference)
        if invoice.credits is not None:
            reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
            _cbc(reference, "ID", invoice.credits.number)
            _cbc(reference, "IssueDate", invoice.credits.issue_date.isoformat())
        _seller(root, invoice)
        _buyer(root, invoice)
        _payment(root, invoice)
        _tax_total(root, invoice)
        _totals(root, invoice)
        _lines(root, invoice)
    return root


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def filename(invoice: Invoice) -> str:
    kind = "kreditnota" if invoice.is_credit_note else "faktura"
    return f"{invoice.seller.slug}-{kind}-{invoice.number}.xml"


@cache
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "maindoc" / name)))


def schema_errors(root: etree._Element) -> list[str]:
    """Errors against the UBL 2.1 schema (empty when the document is valid)."""
    name = "UBL-CreditNote-2.1.xsd" if root.tag.endswith("CreditNote") else "UBL-Invoice-2.1.xsd"
    schema = _schema(name)
    if schema.validate(root):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]
