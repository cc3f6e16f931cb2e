"""Reading a CSV file of costs: every row is checked before anything is written.

The format is described in docs/formats/eu-project-costs.md. Columns (Swedish or English
headers, in any order): datum/date, kategori/category, leverantör/supplier,
beskrivning/description, belopp/amount, verifikation/voucher. Semicolon, comma or tab
separated; UTF-8 (with or without BOM) or Windows-1252, as Excel writes it.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from inkludera.support.euproject.models import BOOKED_CATEGORIES, CostCategory, Project

MAX_ROWS = 5000

COLUMNS = {
    "date": {"datum", "date", "bokföringsdatum"},
    "category": {"kategori", "category", "kostnadsslag", "kostnadskategori"},
    "supplier": {"leverantör", "leverantor", "supplier"},
    "description": {"beskrivning", "description", "text"},
    "amount": {"belopp", "amount", "belopp (sek)", "belopp sek"},
    "voucher": {"verifikation", "verifikationsnummer", "voucher", "ver.nr", "vernr"},
}
REQUIRED = ["date", "category", "description", "amount", "voucher"]

CATEGORY_ALIASES = {
    CostCategory.EXTERNAL_SERVICES: {
        "external_services",
        "externa tjänster",
        "extern tjänst",
        "externa tjanster",
        "external services",
    },
    CostCategory.TRAVEL: {"travel", "resor", "resa", "resekostnader", "travel and accommodation"},
    CostCategory.INVESTMENTS: {
        "investments",
        "investeringar",
        "investering",
        "utrustning",
        "material",
        "investments, equipment and materials",
    },
}
NOT_IMPORTABLE = {"staff", "personal", "personalkostnader", "indirect", "indirekta kostnader"}


@dataclass(frozen=True)
class RowError:
    line: int  # 1 is the header line; 0 for the file as a whole
    column: str
    message: str


@dataclass(frozen=True)
class CostRow:
    line: int
    incurred_on: datetime.date
    category: str
    supplier: str
    description: str
    amount: Decimal
    voucher: str


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse(
    content: bytes, *, project: Project, existing_vouchers: set[str]
) -> tuple[list[CostRow], list[RowError]]:
    """Every row parsed and checked; errors name the line and the column."""
    text = decode(content)
    if not text.strip():
        return [], [RowError(0, "", _("The file is empty."))]
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    positions: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for index, heading in enumerate(header):
            if heading in aliases:
                positions[name] = index
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        return [], [
            RowError(
                1,
                "",
                _("The header line lacks the columns: %(columns)s.")
                % {"columns": ", ".join(_column_label(m) for m in missing)},
            )
        ]
    rows: list[CostRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, "", _("At most %(n)s rows per file.") % {"n": MAX_ROWS}))
            break
        row, row_errors = _parse_row(line, cells, positions, project)
        voucher = _cell(cells, positions, "voucher")
        if voucher in existing_vouchers:
            row_errors.append(
                RowError(line, "voucher", _("This voucher number is already booked."))
            )
        elif voucher and voucher in seen:
            row_errors.append(
                RowError(
                    line,
                    "voucher",
                    _("The voucher number is also on line %(line)s.") % {"line": seen[voucher]},
                )
            )
        elif voucher:
            seen[voucher] = line
        if row_errors:
            errors.extend(row_errors)
        elif row is not None:
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(0, "", _("The file has a header line but no costs.")))
    return rows, errors


def _cell(cells: list[str], positions: dict[str, int], name: str) -> str:
    index = positions.get(name)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _parse_row(
    line: int, cells: list[str], positions: dict[str, int], project: Project
) -> tuple[CostRow | None, list[RowError]]:
    errors: list[RowError] = []
    day = _parse_date(_cell(cells, positions, "date"))
    if day is None:
        errors.append(RowError(line, "date", _("Write the date as YYYY-MM-DD.")))
    elif not project.covers(day):
        errors.append(
            RowError(
                line,
                "date",
                _("The date is outside the project (%(start)s – %(end)s).")
                % {"start": project.starts_on, "end": project.ends_on},
            )
        )
    category = _parse_category(_cell(cells, positions, "category"))
    raw_category = _cell(cells, positions, "category").lower()
    if category is None:
        if raw_category in NOT_IMPORTABLE:
            message = _(
                "Staff costs come from the time log and indirect costs from the flat rate; "
                "they cannot be imported."
            )
        else:
            message = _("Unknown cost category. Use: %(names)s.") % {
                "names": ", ".join(str(c.label) for c in BOOKED_CATEGORIES)
            }
        errors.append(RowError(line, "category", message))
    amount = _parse_amount(_cell(cells, positions, "amount"))
    if amount is None:
        errors.append(RowError(line, "amount", _("Write the amount as a number, e.g. 1250,50.")))
    elif amount <= 0:
        errors.append(RowError(line, "amount", _("The amount must be more than zero.")))
    description = _cell(cells, positions, "description")
    if not description:
        errors.append(RowError(line, "description", _("Describe the cost.")))
    voucher = _cell(cells, positions, "voucher")
    if not voucher:
        errors.append(RowError(line, "voucher", _("Give the voucher number.")))
    elif len(voucher) > 40:
        errors.append(RowError(line, "voucher", _("At most 40 characters.")))
    supplier = _cell(cells, positions, "supplier")
    if len(description) > 300 or len(supplier) > 200:
        errors.append(RowError(line, "description", _("The text is too long.")))
    if errors or day is None or category is None or amount is None:
        return None, errors
    return CostRow(line, day, category, supplier, description, amount, voucher), errors


def _parse_date(value: str) -> datetime.date | None:
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _parse_category(value: str) -> str | None:
    wanted = value.strip().lower()
    for category, aliases in CATEGORY_ALIASES.items():
        if wanted in aliases or wanted == str(category.label).lower():
            return category.value
    return None


def _parse_amount(value: str) -> Decimal | None:
    text = value.replace("\u00a0", "").replace(" ", "").replace("kr", "").replace("SEK", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        return None
    return amount


def _column_label(name: str) -> str:
    return {
        "date": _("date"),
        "category": _("category"),
        "supplier": _("supplier"),
        "description": _("description"),
        "amount": _("amount"),
        "voucher": _("voucher"),
    }[name]


def column_label(name: str) -> str:
    return _column_label(name) if name else ""
