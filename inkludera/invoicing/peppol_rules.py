"""Business rules of Peppol BIS Billing 3.0 that our documents rely on, as Python checks.

The official rules are Schematron (EN 16931 BR-*, PEPPOL-EN16931-R*, the Swedish SE-R-*).
This module re-states, on the UBL tree, those that apply to what Inkludera emits; each has
a test that it catches a broken document. `check(root)` returns the failures, empty if none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from lxml import etree
from stdnum import luhn

from inkludera.invoicing.ubl import BANKGIRO_BRANCH, CUSTOMIZATION_ID, F_TAX_TEXT, NS

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Failure:
    rule: str
    message: str


Check = Callable[[etree._Element], bool]
RULES: list[tuple[str, str, Check]] = []


def rule(code: str, message: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        RULES.append((code, message, fn))
        return fn

    return register


@cache
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=NS)


def _all(node: etree._Element, path: str) -> list[etree._Element]:
    return _compiled(path)(node)  # type: ignore[return-value]


def _text(node: etree._Element, path: str) -> str:
    found = _all(node, path)
    return (found[0].text or "").strip() if found else ""


def _dec(node: etree._Element, path: str) -> Decimal | None:
    try:
        return Decimal(_text(node, path))
    except InvalidOperation:
        return None


def _sum(node: etree._Element, path: str) -> Decimal:
    total = Decimal(0)
    for element in _all(node, path):
        try:
            total += Decimal((element.text or "").strip())
        except InvalidOperation:
            return Decimal("NaN")
    return total


def _lines(root: etree._Element) -> list[etree._Element]:
    return _all(root, "cac:InvoiceLine|cac:CreditNoteLine")


SELLER = "cac:AccountingSupplierParty/cac:Party"
BUYER = "cac:AccountingCustomerParty/cac:Party"
TOTAL = "cac:LegalMonetaryTotal"
SUBTOTALS = "cac:TaxTotal/cac:TaxSubtotal"


# --- EN 16931 core ----------------------------------------------------------------------
@rule("BR-01", "An invoice shall have a specification identifier.")
def _br01(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:CustomizationID"))


@rule("BR-02", "An invoice shall have an invoice number.")
def _br02(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:ID"))


@rule("BR-03", "An invoice shall have an issue date.")
def _br03(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:IssueDate"))


@rule("BR-04", "An invoice shall have a type code.")
def _br04(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode"))


@rule("BR-05", "An invoice shall have a currency code.")
def _br05(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:DocumentCurrencyCode"))


@rule("BR-06", "An invoice shall contain the seller's name.")
def _br06(root: etree._Element) -> bool:
    return bool(_text(root, f"{SELLER}/cac:PartyLegalEntity/cbc:RegistrationName"))


@rule("BR-07", "An invoice shall contain the buyer's name.")
def _br07(root: etree._Element) -> bool:
    return bool(_text(root, f"{BUYER}/cac:PartyLegalEntity/cbc:RegistrationName"))


@rule("BR-08", "An invoice shall contain the seller's postal address.")
def _br08(root: etree._Element) -> bool:
    return bool(_all(root, f"{SELLER}/cac:PostalAddress"))


@rule("BR-09", "The seller's postal address shall contain a country code.")
def _br09(root: etree._Element) -> bool:
    return bool(_text(root, f"{SELLER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode"))


@rule("BR-10", "An invoice shall contain the buyer's postal address.")
def _br10(root: etree._Element) -> bool:
    return bool(_all(root, f"{BUYER}/cac:PostalAddress"))


@rule("BR-11", "The buyer's postal address shall contain a country code.")
def _br11(root: etree._Element) -> bool:
    return bool(_text(root, f"{BUYER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode"))


@rule("BR-12", "An invoice shall have the sum of invoice line net amounts.")
def _br12(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:LineExtensionAmount") is not None


@rule("BR-13", "An invoice shall have the total amount without VAT.")
def _br13(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:TaxExclusiveAmount") is not None


@rule("BR-14", "An invoice shall have the total amount with VAT.")
def _br14(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:TaxInclusiveAmount") is not None


@rule("BR-15", "An invoice shall have the amount due for payment.")
def _br15(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:PayableAmount") is not None


@rule("BR-16", "An invoice shall have at least one invoice line.")
def _br16(root: etree._Element) -> bool:
    return bool(_lines(root))


@rule("BR-21", "Each invoice line shall have an identifier.")
def _br21(root: etree._Element) -> bool:
    return all(_text(line, "cbc:ID") for line in _lines(root))


@rule("BR-22", "Each invoice line shall have an invoiced quantity.")
def _br22(root: etree._Element) -> bool:
    return all(
        _dec(line, "cbc:InvoicedQuantity|cbc:CreditedQuantity") is not None for line in _lines(root)
    )


@rule("BR-23", "An invoiced quantity shall have a unit of measure code.")
def _br23(root: etree._Element) -> bool:
    return all(
        q.get("unitCode") for q in _all(root, "*/cbc:InvoicedQuantity|*/cbc:CreditedQuantity")
    )


@rule("BR-24", "Each invoice line shall have a line net amount.")
def _br24(root: etree._Element) -> bool:
    return all(_dec(line, "cbc:LineExtensionAmount") is not None for line in _lines(root))


@rule("BR-25", "Each invoice line shall contain the item name.")
def _br25(root: etree._Element) -> bool:
    return all(_text(line, "cac:Item/cbc:Name") for line in _lines(root))


@rule("BR-26", "Each invoice line shall contain the item net price.")
def _br26(root: etree._Element) -> bool:
    return all(_dec(line, "cac:Price/cbc:PriceAmount") is not None for line in _lines(root))


@rule("BR-27", "The item net price shall not be negative.")
def _br27(root: etree._Element) -> bool:
    return all((_dec(line, "cac:Price/cbc:PriceAmount") or 0) >= 0 for line in _lines(root))


@rule("BR-61", "With credit transfer (30, 58), the payment account identifier shall be present.")
def _br61(root: etree._Element) -> bool:
    return all(
        _text(means, "cac:PayeeFinancialAccount/cbc:ID")
        for means in _all(root, "cac:PaymentMeans")
        if _text(means, "cbc:PaymentMeansCode") in ("30", "58")
    )


# --- Calculations (BR-CO) -----------------------------------------------------------------
@rule("BR-CO-10", "Sum of line net amounts = sum of the invoice line net amounts.")
def _brco10(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:LineExtensionAmount") == _sum(
        root, "cac:InvoiceLine/cbc:LineExtensionAmount|cac:CreditNoteLine/cbc:LineExtensionAmount"
    )


@rule("BR-CO-13", "Total without VAT = sum of line net amounts - allowances + charges.")
def _brco13(root: etree._Element) -> bool:
    expected = (
        (_dec(root, f"{TOTAL}/cbc:LineExtensionAmount") or 0)
        - (_dec(root, f"{TOTAL}/cbc:AllowanceTotalAmount") or 0)
        + (_dec(root, f"{TOTAL}/cbc:ChargeTotalAmount") or 0)
    )
    return _dec(root, f"{TOTAL}/cbc:TaxExclusiveAmount") == expected


@rule("BR-CO-14", "Invoice total VAT amount = sum of the VAT category tax amounts.")
def _brco14(root: etree._Element) -> bool:
    return _dec(root, "cac:TaxTotal/cbc:TaxAmount") == _sum(root, f"{SUBTOTALS}/cbc:TaxAmount")


@rule("BR-CO-15", "Total with VAT = total without VAT + total VAT amount.")
def _brco15(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:TaxInclusiveAmount") == (
        (_dec(root, f"{TOTAL}/cbc:TaxExclusiveAmount") or 0)
        + (_dec(root, "cac:TaxTotal/cbc:TaxAmount") or 0)
    )


@rule("BR-CO-16", "Amount due = total with VAT - paid amount + rounding amount.")
def _brco16(root: etree._Element) -> bool:
    return _dec(root, f"{TOTAL}/cbc:PayableAmount") == (
        (_dec(root, f"{TOTAL}/cbc:TaxInclusiveAmount") or 0)
        - (_dec(root, f"{TOTAL}/cbc:PrepaidAmount") or 0)
        + (_dec(root, f"{TOTAL}/cbc:PayableRoundingAmount") or 0)
    )


@rule("BR-CO-17", "VAT category tax amount = taxable amount x rate / 100, rounded to 2 decimals.")
def _brco17(root: etree._Element) -> bool:
    for subtotal in _all(root, SUBTOTALS):
        taxable = _dec(subtotal, "cbc:TaxableAmount") or Decimal(0)
        rate = _dec(subtotal, "cac:TaxCategory/cbc:Percent") or Decimal(0)
        expected = (taxable * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if _dec(subtotal, "cbc:TaxAmount") != expected:
            return False
    return True


@rule("BR-CO-18", "An invoice shall have at least one VAT breakdown.")
def _brco18(root: etree._Element) -> bool:
    return bool(_all(root, SUBTOTALS))


@rule("BR-CO-25", "A positive amount due needs a payment due date or payment terms.")
def _brco25(root: etree._Element) -> bool:
    if (_dec(root, f"{TOTAL}/cbc:PayableAmount") or 0) <= 0:
        return True
    return bool(_text(root, "cbc:DueDate") or _all(root, "cac:PaymentTerms/cbc:Note"))


def _line_sum(root: etree._Element, category: str, rate: Decimal) -> Decimal:
    total = Decimal(0)
    for line in _lines(root):
        tax = "cac:Item/cac:ClassifiedTaxCategory"
        if _text(line, f"{tax}/cbc:ID") == category and _dec(line, f"{tax}/cbc:Percent") == rate:
            total += _dec(line, "cbc:LineExtensionAmount") or 0
    return total


@rule("BR-S-08", "Each VAT breakdown's taxable amount = sum of its lines' net amounts.")
def _brs08(root: etree._Element) -> bool:
    for subtotal in _all(root, SUBTOTALS):
        category = _text(subtotal, "cac:TaxCategory/cbc:ID")
        rate = _dec(subtotal, "cac:TaxCategory/cbc:Percent") or Decimal(0)
        if _dec(subtotal, "cbc:TaxableAmount") != _line_sum(root, category, rate):
            return False
    return True


@rule("BR-S-05", "A line with category Standard rated (S) shall have a rate above zero.")
def _brs05(root: etree._Element) -> bool:
    tax = "cac:Item/cac:ClassifiedTaxCategory"
    return all(
        (_dec(line, f"{tax}/cbc:Percent") or 0) > 0
        for line in _lines(root)
        if _text(line, f"{tax}/cbc:ID") == "S"
    )


@rule("BR-E-05", "A line with category Exempt from VAT (E) shall have rate 0.")
def _bre05(root: etree._Element) -> bool:
    tax = "cac:Item/cac:ClassifiedTaxCategory"
    return all(
        _dec(line, f"{tax}/cbc:Percent") == 0
        for line in _lines(root)
        if _text(line, f"{tax}/cbc:ID") == "E"
    )


@rule("BR-E-10", "A VAT breakdown with category E shall have an exemption reason.")
def _bre10(root: etree._Element) -> bool:
    return all(
        _text(s, "cac:TaxCategory/cbc:TaxExemptionReason")
        or _text(s, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
        for s in _all(root, SUBTOTALS)
        if _text(s, "cac:TaxCategory/cbc:ID") == "E"
    )


@rule("BR-S-02", "With VAT category S or E, the seller's VAT identifier shall be present.")
def _brs02(root: etree._Element) -> bool:
    categories = {_text(s, "cac:TaxCategory/cbc:ID") for s in _all(root, SUBTOTALS)}
    if not categories & {"S", "E"}:
        return True
    return bool(_vat_numbers(root))


# --- PEPPOL-EN16931 ---------------------------------------------------------------------
@rule("PEPPOL-EN16931-R001", "Business process (ProfileID) shall be provided.")
def _r001(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:ProfileID"))


@rule("PEPPOL-EN16931-R003", "A buyer reference or an order reference shall be provided.")
def _r003(root: etree._Element) -> bool:
    return bool(_text(root, "cbc:BuyerReference") or _text(root, "cac:OrderReference/cbc:ID"))


@rule("PEPPOL-EN16931-R004", "The specification identifier shall be Peppol BIS Billing 3.0.")
def _r004(root: etree._Element) -> bool:
    return _text(root, "cbc:CustomizationID") == CUSTOMIZATION_ID


@rule(
    "PEPPOL-EN16931-R007",
    "The business process shall be urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0.",
)
def _r007(root: etree._Element) -> bool:
    profile = _text(root, "cbc:ProfileID")
    prefix, suffix = "urn:fdc:peppol.eu:2017:poacc:billing:", ":1.0"
    middle = profile[len(prefix) : -len(suffix)]
    return profile.startswith(prefix) and profile.endswith(suffix) and middle.isdigit()


@rule("PEPPOL-EN16931-R010", "The buyer's electronic address (EndpointID) shall be provided.")
def _r010(root: etree._Element) -> bool:
    return bool(_text(root, f"{BUYER}/cbc:EndpointID"))


@rule("PEPPOL-EN16931-R020", "The seller's electronic address (EndpointID) shall be provided.")
def _r020(root: etree._Element) -> bool:
    return bool(_text(root, f"{SELLER}/cbc:EndpointID"))


@rule("PEPPOL-EN16931-R053", "Only one tax total with tax subtotals shall be provided.")
def _r053(root: etree._Element) -> bool:
    return len([t for t in _all(root, "cac:TaxTotal") if _all(t, "cac:TaxSubtotal")]) == 1


@rule("PEPPOL-EN16931-R051", "All amounts shall be in the document currency.")
def _r051(root: etree._Element) -> bool:
    currency = _text(root, "cbc:DocumentCurrencyCode")
    return all(a.get("currencyID") == currency for a in root.iter() if "currencyID" in a.attrib)


@rule("PEPPOL-EN16931-R120", "Line net amount = quantity x net price (no allowances here).")
def _r120(root: etree._Element) -> bool:
    for line in _lines(root):
        quantity = _dec(line, "cbc:InvoicedQuantity|cbc:CreditedQuantity") or Decimal(0)
        price = _dec(line, "cac:Price/cbc:PriceAmount") or Decimal(0)
        base = _dec(line, "cac:Price/cbc:BaseQuantity") or Decimal(1)
        expected = (quantity * price / base).quantize(CENT, rounding=ROUND_HALF_UP)
        if _dec(line, "cbc:LineExtensionAmount") != expected:
            return False
    return True


@rule("PEPPOL-COMMON-R040", "A GLN or Swedish organisation number uses scheme 0007 for Sweden.")
def _common040(root: etree._Element) -> bool:
    ids = _all(root, f"{SELLER}/cbc:EndpointID|{BUYER}/cbc:EndpointID")
    ids += _all(root, f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID")
    return all(e.get("schemeID") == "0007" for e in ids)


# --- Swedish national rules (SE-R) ----------------------------------------------------------
def _vat_numbers(root: etree._Element) -> list[str]:
    return [
        _text(s, "cbc:CompanyID")
        for s in _all(root, f"{SELLER}/cac:PartyTaxScheme")
        if _text(s, "cac:TaxScheme/cbc:ID") == "VAT"
    ]


def _swedish_seller(root: etree._Element) -> bool:
    return _text(root, f"{SELLER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "SE"


def _org_numbers(root: etree._Element) -> list[str]:
    return [
        (e.text or "").strip() for e in _all(root, f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID")
    ]


@rule("SE-R-001", "A Swedish seller's VAT number has 14 characters.")
def _se001(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(len(v) == 14 for v in _vat_numbers(root))


@rule("SE-R-002", "A Swedish seller's VAT number ends in 12 digits.")
def _se002(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(v[2:].isdigit() for v in _vat_numbers(root))


@rule("SE-R-003", "A Swedish organisation number is numeric.")
def _se003(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(n.isdigit() for n in _org_numbers(root))


@rule("SE-R-004", "A Swedish organisation number has 10 characters.")
def _se004(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(len(n) == 10 for n in _org_numbers(root))


@rule("SE-R-005", "A Swedish seller's tax registration (TAX) states 'Godkänd för F-skatt'.")
def _se005(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(
        _text(s, "cbc:CompanyID") == F_TAX_TEXT
        for s in _all(root, f"{SELLER}/cac:PartyTaxScheme")
        if _text(s, "cac:TaxScheme/cbc:ID") != "VAT"
    )


@rule("SE-R-006", "A Swedish seller uses only the VAT rates 25, 12 and 6 % for category S.")
def _se006(root: etree._Element) -> bool:
    rates = {Decimal(25), Decimal(12), Decimal(6)}
    categories = _all(root, "//cac:ClassifiedTaxCategory|//cac:TaxSubtotal/cac:TaxCategory")
    return not _swedish_seller(root) or all(
        _dec(c, "cbc:Percent") in rates for c in categories if _text(c, "cbc:ID") == "S"
    )


def _bankgiro_accounts(root: etree._Element) -> list[str]:
    path = "cac:PaymentMeans/cac:PayeeFinancialAccount"
    return [
        _text(a, "cbc:ID")
        for a in _all(root, path)
        if _text(a, "cac:FinancialInstitutionBranch/cbc:ID") == BANKGIRO_BRANCH
    ]


@rule("SE-R-008", "A Swedish seller's Bankgiro number is numeric.")
def _se008(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(a.isdigit() for a in _bankgiro_accounts(root))


@rule("SE-R-009", "A Swedish seller's Bankgiro number has 7 or 8 digits.")
def _se009(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(7 <= len(a) <= 8 for a in _bankgiro_accounts(root))


@rule("INKL-SE-BG", "Bankgiro (SE:BANKGIRO) is paid by credit transfer: payment means code 30.")
def _se010(root: etree._Element) -> bool:
    return all(
        _text(m, "cbc:PaymentMeansCode") == "30"
        for m in _all(root, "cac:PaymentMeans")
        if _text(m, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID")
        == BANKGIRO_BRANCH
    )


@rule("SE-R-013", "The last digit of a Swedish organisation number is a valid Luhn check digit.")
def _se013(root: etree._Element) -> bool:
    return not _swedish_seller(root) or all(
        n.isdigit() and luhn.is_valid(n) for n in _org_numbers(root)
    )


def check(root: etree._Element) -> list[Failure]:
    """Every rule above that the document breaks."""
    return [Failure(code, message) for code, message, fn in RULES if not fn(root)]
