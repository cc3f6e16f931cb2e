"""python manage.py impact_report --asf SLUG --year YYYY --format json|pdf|xlsx --out FILE

Computes (or finds the stored) social value report of an ASF and year with the newest
published parameter version (or --parameter-version N) and writes it to FILE ("-" for
standard output, JSON only). The JSON fields are in docs/formats/impact-report.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from inkludera.accounts.models import Organisation
from inkludera.impact import exports, services
from inkludera.impact.errors import ImpactError
from inkludera.impact.models import ParameterVersion


class Command(BaseCommand):
    help = "Write an ASF's social value report for a year as JSON, PDF or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--asf", required=True, help="The ASF's short name, e.g. kasak.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", required=True, choices=["json", "pdf", "xlsx"])
        parser.add_argument("--out", required=True, help="File to write; - for standard output.")
        parser.add_argument(
            "--parameter-version",
            type=int,
            default=None,
            help="A published version of the default set (default: the newest).",
        )
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            report = self._report(options)
            content = self._render(report.result, options["format"])
        out = options["out"]
        if out == "-":
            if options["format"] != "json":
                raise CommandError("Only JSON can be written to standard output.")
            sys.stdout.write(content.decode())
            return
        Path(out).write_bytes(content)
        self.stderr.write(
            f"{options['asf']} {options['year']}: parameter version {report.version.number}, "
            f"real effect {report.result['summary']['real_effect']} SEK → {out}"
        )

    def _report(self, options: dict[str, Any]) -> Any:
        asf = Organisation.objects.filter(slug=options["asf"], kind=Organisation.Kind.ASF).first()
        if asf is None:
            raise CommandError(f"There is no ASF with the short name {options['asf']!r}.")
        version = None
        if options["parameter_version"] is not None:
            version = (
                ParameterVersion.objects.published()
                .filter(parameter_set__is_default=True, number=options["parameter_version"])
                .first()
            )
            if version is None:
                raise CommandError(services.missing_version_message())
        try:
            return services.compute_asf_report(asf=asf, year=options["year"], version=version)
        except ImpactError as exc:
            raise CommandError(str(exc)) from exc

    def _render(self, result: dict[str, Any], kind: str) -> bytes:
        if kind == "json":
            return (json.dumps(result, ensure_ascii=False, indent=2) + "\n").encode()
        if kind == "pdf":
            return exports.statement_pdf(result)
        return exports.account_workbook(result)
