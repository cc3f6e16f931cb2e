"""Files for funders and people: the monthly report as PDF and Excel, the register extract
as PDF. JSON comes straight from `retention.register_extract`."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inkludera.core.pdf import pdf
from inkludera.placements.reports import MonthlyReport


def pdf_from_template(request: HttpRequest, template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context, request=request)
    return pdf(html, base_url=request.build_absolute_uri("/"))


def report_filename(report: MonthlyReport, extension: str) -> str:
    agreement = report.agreement
    slug = f"{agreement.asf.slug}-{agreement.funder.slug}-{agreement.pk}"
    return f"manadsrapport-{slug}-{report.month:%Y-%m}.{extension}"


def report_rows(report: MonthlyReport) -> list[tuple[str, Any]]:
    """The key figures, in the order of the report (shared by the page, PDF and Excel)."""
    c = report.counts
    return [
        (_("Agreed places"), report.places),
        (_("People who held a place"), c.people),
        (_("Place-days used"), c.place_days),
        (_("Average occupancy (places)"), report.average_occupancy),
        (_("Present days"), c.present_days),
        (_("Absence days"), c.absence_days),
        (_("Hours present"), c.hours),
        (_("Starts"), c.starts),
        (_("Exits"), c.exits),
        (_("Average days in place at exit"), report.average_days_to_exit),
        (_("Referrals received"), c.referrals),
    ]


def report_xlsx(report: MonthlyReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    agreement = report.agreement
    book = Workbook()
    sheet = book.active
    sheet.title = _("Monthly report")[:31]
    bold = Font(bold=True)
    title = _("Monthly report %(month)s") % {"month": date_format(report.month, "F Y")}
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Social enterprise"), agreement.asf.name])
    sheet.append([_("Funder"), agreement.funder.name])
    sheet.append([_("Agreement"), agreement.title, agreement.reference])
    sheet.append([])

    def heading(*cells: str) -> None:
        sheet.append(list(cells))
        for cell in sheet[sheet.max_row]:
            cell.font = bold

    heading(_("Key figures"), _("Value"))
    for label, value in report_rows(report):
        sheet.append(
            [label, float(value) if value is not None and not isinstance(value, int) else value]
        )
    sheet.append([])
    heading(_("Outcome at exit"), _("People"))
    for _value, label, n in report.exit_outcomes:
        sheet.append([label, n])
    for months in (6, 12):
        sheet.append([])
        heading(_("Follow-up after %(months)s months") % {"months": months}, _("People"))
        for _value, label, n in report.follow_up_outcomes(months):
            sheet.append([label, n])
    sheet.append([])
    heading(
        _("Age band"),
        _("Women: in place"),
        _("Women: started"),
        _("Women: exited"),
        _("Men: in place"),
        _("Men: started"),
        _("Men: exited"),
        _("All: in place"),
        _("All: started"),
        _("All: exited"),
    )
    for label, values in report.group_rows:
        sheet.append([label, *values])
    sheet.append([_("Total"), *report.group_totals])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.append([])
    heading(_("Absence by reason"), _("Days"))
    for label, n in report.absences:
        sheet.append([label, n])
    sheet.append([])
    heading(_("Declined referrals by reason"), _("People"))
    for label, n in report.declined:
        sheet.append([label, n])
    sheet.column_dimensions["A"].width = 38
    for column in "BCDEFGHIJ":
        sheet.column_dimensions[column].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
