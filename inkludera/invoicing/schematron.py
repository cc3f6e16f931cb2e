"""The official EN 16931 and Peppol BIS Billing 3.0 business rules, run with Saxon-HE.

The compiled Schematron XSLTs (XSLT 2.0) are vendored in `schemas/schematron/` (see its
README for origin and version). `failures(xml)` runs both over a UBL invoice or credit note
and returns every failed assert from the SVRL output, fatal and warning alike. Saxon and the
compiled stylesheets are kept per process: compiling is the slow part.

Saxon-HE comes from the `saxonche` package, a development dependency; `available()` says
whether it is installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

SCHEMATRON = Path(__file__).parent / "schemas" / "schematron"
STYLESHEETS = {
    "EN16931": SCHEMATRON / "CEN-EN16931-UBL.xsl",
    "PEPPOL": SCHEMATRON / "PEPPOL-EN16931-UBL.xsl",
}
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@dataclass(frozen=True)
class Failure:
    """One failed assert: the rule id (e.g. BR-CO-15, SE-R-005), fatal or warning, its text."""

    source: str  # "EN16931" or "PEPPOL"
    id: str
    flag: str
    text: str
    location: str

    @property
    def fatal(self) -> bool:
        return self.flag == "fatal"


def available() -> str | None:
    """None when Saxon-HE can be used, otherwise the reason it cannot."""
    try:
        import saxonche  # noqa: F401
    except ImportError as exc:
        return f"saxonche (Saxon-HE for Python) is not installed ({exc})"
    return None


@cache
def _processor() -> Any:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def _executable(name: str) -> Any:
    compiler = _processor().new_xslt30_processor()
    return compiler.compile_stylesheet(stylesheet_file=str(STYLESHEETS[name]))


def svrl(xml: bytes, name: str) -> bytes:
    """The SVRL report of stylesheet `name` ("EN16931" or "PEPPOL") over `xml`."""
    processor = _processor()
    node = processor.parse_xml(xml_text=xml.decode("utf-8"))
    report = _executable(name).transform_to_string(xdm_node=node)
    return str(report).encode("utf-8")


def _failures(report: bytes, source: str) -> list[Failure]:
    root = etree.fromstring(report)
    return [
        Failure(
            source=source,
            id=element.get("id", ""),
            flag=element.get("flag", ""),
            text=" ".join((element.findtext("svrl:text", "", SVRL) or "").split()),
            location=element.get("location", ""),
        )
        for element in root.iterfind(".//svrl:failed-assert", SVRL)
    ]


def failures(xml: bytes) -> list[Failure]:
    """Every failed assert of both official rule sets (EN 16931 first, then Peppol)."""
    return [failure for name in STYLESHEETS for failure in _failures(svrl(xml, name), name)]


def fatal(xml: bytes) -> list[Failure]:
    """Only the failures that make the document invalid."""
    return [failure for failure in failures(xml) if failure.fatal]
