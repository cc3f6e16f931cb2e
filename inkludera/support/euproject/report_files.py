"""The progress report as an Excel workbook (openpyxl) and as a PDF (WeasyPrint)."""

from __future__ import annotations

import base64
import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from inkludera.core.pdf import pdf
from inkludera.support.euproject.reports import ProgressReport

MONEY = "#,##0.00"
BOLD = Font(bold=True)


def file_name(report: ProgressReport, extension: str) -> str:
    return (
        f"lagesrapport-{slugify(report.project.slug)}-period-{report.period.number}"
        f"-{report.period.starts_on:%Y%m%d}-{report.period.ends_on:%Y%m%d}.{extension}"
    )


def _header(sheet: Worksheet, *titles: str) -> None:
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _money_columns(sheet: Worksheet, *columns: str) -> None:
    for column in columns:
        for cell in sheet[column][1:]:
            cell.number_format = MONEY


def _widths(sheet: Worksheet, *widths: int) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width


def as_xlsx(report: ProgressReport) -> bytes:
    workbook = Workbook()
    _summary(workbook.active, report)
    _activities(workbook.create_sheet(_("Activities")), report)
    _indicators(workbook.create_sheet(_("Indicators")), report)
    _enterprises(workbook.create_sheet(_("Enterprises")), report)
    _costs(workbook.create_sheet(_("Costs")), report)
    _burn(workbook.create_sheet(_("Budget burn")), report)
    _co_financing(workbook.create_sheet(_("Co-financing")), report)
    _time(workbook.create_sheet(_("Time")), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary(sheet: Worksheet, report: ProgressReport) -> None:
    project, period = report.project, report.period
    sheet.title = _("Summary")
    rows: list[tuple[str, object]] = [
        (_("Progress report"), f"{project.name}"),
        (_("Programme"), project.programme),
        (_("Programme area"), project.programme_area),
        (_("Case number"), project.case_number),
        (
            _("Beneficiary"),
            f"{project.beneficiary.name} ({project.beneficiary.org_number_display})",
        ),
        (_("Project period"), f"{project.starts_on} – {project.ends_on}"),
        (_("Reporting period"), f"{period.number}: {period.starts_on} – {period.ends_on}"),
        (_("Granted ERDF (SEK)"), project.granted_erdf),
        (_("Activities held"), len(report.activities)),
        (_("Participants, women"), report.women),
        (_("Participants, men"), report.men),
        (_("Participants, other or not stated"), report.other),
        (_("Participants in total"), report.participants),
        (_("Costs this period (SEK)"), report.period_total),
        (_("Costs to date (SEK)"), report.to_date_total),
        (_("Budget (SEK)"), report.budget_total),
        (_("Co-financing paid this period (SEK)"), report.co_financing_period),
        (_("Generated on"), str(report.generated_on)),
    ]
    if project.is_demo:
        rows.append((_("Note"), _("Demo data: invented figures, not real data.")))
    for label, value in rows:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
        if isinstance(value, Decimal):
            sheet.cell(sheet.max_row, 2).number_format = MONEY
    if report.period.narrative:
        sheet.append([])
        sheet.append([_("What the project did and achieved"), report.period.narrative])
        sheet.cell(sheet.max_row, 1).font = BOLD
    _widths(sheet, 38, 80)


def _activities(sheet: Worksheet, report: ProgressReport) -> None:
    _header(
        sheet,
        _("Date"),
        _("Activity"),
        _("Kind"),
        _("Place"),
        _("ASF taking part"),
        _("Women"),
        _("Men"),
        _("Other or not stated"),
        _("Total"),
        _("Follow-ups"),
    )
    for a in report.activities:
        sheet.append(
            [
                a.day,
                a.title,
                a.kind,
                a.place,
                a.asf_count,
                a.women,
                a.men,
                a.other,
                a.total,
                "; ".join(a.follow_ups),
            ]
        )
    sheet.append(
        [_("Total"), "", "", "", "", report.women, report.men, report.other, report.participants]
    )
    sheet.cell(sheet.max_row, 1).font = BOLD
    for cell in sheet["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    _widths(sheet, 12, 40, 18, 28, 10, 8, 8, 10, 8, 60)


def _indicators(sheet: Worksheet, report: ProgressReport) -> None:
    _header(
        sheet,
        _("Indicator"),
        _("Unit"),
        _("This period"),
        _("To date"),
        _("Target"),
        _("Share of target"),
    )
    for row in report.indicators:
        share = row.to_date / row.target if row.target else None
        sheet.append([row.label, row.unit, row.period, row.to_date, row.target, share])
        sheet.cell(sheet.max_row, 6).number_format = "0%"
    _widths(sheet, 52, 22, 12, 12, 12, 14)


def _enterprises(sheet: Worksheet, report: ProgressReport) -> None:
    """Traceability: each enterprise behind CO01–CO08 and the support that put it there."""
    co01 = next(r for r in report.indicators if r.code == "CO01")
    _header(
        sheet,
        _("Organisation number"),
        _("Enterprise"),
        _("First supported"),
        _("Support"),
        _("New enterprise (CO05)"),
        _("Employees when support started"),
        _("Employees, latest count"),
        _("Increase (CO08)"),
    )
    for e in co01.enterprises:
        sheet.append(
            [
                e.org_number,
                e.name,
                e.first_supported_on,
                "; ".join(f"{s.day} {s.label}" for s in e.supports),
                _("yes") if e.established_on else "",
                e.baseline,
                e.latest,
                e.employment_increase,
            ]
        )
        sheet.cell(sheet.max_row, 3).number_format = "yyyy-mm-dd"
    _widths(sheet, 16, 36, 14, 90, 12, 14, 14, 12)


def _costs(sheet: Worksheet, report: ProgressReport) -> None:
    _header(
        sheet,
        _("Cost category"),
        _("Budget"),
        _("This period"),
        _("To date"),
        _("Left"),
        _("Share used"),
    )
    for row in report.costs:
        sheet.append(
            [row.label, row.budget, row.period, row.to_date, row.remaining, row.share_used]
        )
        sheet.cell(sheet.max_row, 6).number_format = "0%"
    sheet.append(
        [
            _("Total"),
            report.budget_total,
            report.period_total,
            report.to_date_total,
            report.budget_total - report.to_date_total,
        ]
    )
    sheet.cell(sheet.max_row, 1).font = BOLD
    _money_columns(sheet, "B", "C", "D", "E")
    _widths(sheet, 40, 16, 16, 16, 16, 12)


def _burn(sheet: Worksheet, report: ProgressReport) -> None:
    _header(sheet, _("Quarter"), _("Spent to date"), _("Budget left"), _("At an even pace"))
    for point in report.burn:
        sheet.append([point.label, point.spent, point.remaining, point.planned_remaining])
    _money_columns(sheet, "B", "C", "D")
    _widths(sheet, 14, 18, 18, 18)
    if len(report.burn) > 1:
        chart = LineChart()
        chart.title = _("Budget left at the end of each quarter")
        chart.y_axis.title = _("SEK")
        chart.height, chart.width = 9, 22
        data = Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=len(report.burn) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(report.burn) + 1))
        sheet.add_chart(chart, "F2")


def _co_financing(sheet: Worksheet, report: ProgressReport) -> None:
    _header(
        sheet,
        _("Co-financier"),
        _("Kind"),
        _("Committed"),
        _("Paid this period"),
        _("Paid to date"),
    )
    for row in report.co_financing:
        sheet.append([row.name, row.kind, row.committed, row.period, row.to_date])
    sheet.append(
        [
            _("Total"),
            "",
            report.co_financing_committed,
            report.co_financing_period,
            report.co_financing_to_date,
        ]
    )
    sheet.cell(sheet.max_row, 1).font = BOLD
    _money_columns(sheet, "C", "D", "E")
    _widths(sheet, 36, 26, 16, 16, 16)


def _time(sheet: Worksheet, report: ProgressReport) -> None:
    _header(sheet, _("Project activity"), _("Hours this period"), _("Hours to date"))
    for row in report.time:
        sheet.append([row.work_package, row.period_hours, row.to_date_hours])
    _widths(sheet, 44, 16, 16)


def _svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def as_pdf(report: ProgressReport, base_url: str) -> bytes:
    """The same sections as the web page; charts go in as SVG images beside their tables."""
    burn = report.burn_chart()
    html = render_to_string(
        "euproject/report_pdf.html",
        {"report": report, "pdf": True, "burn_chart": burn, "burn_uri": _svg_data_uri(burn.svg)},
    )
    return pdf(html, base_url=base_url)
