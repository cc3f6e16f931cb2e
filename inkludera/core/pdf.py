"""HTML to PDF with WeasyPrint, quietly: it logs every SVG style it does not use, its
progress and the font subsetting, which says nothing to an operator."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

NOISY_LOGGERS = ("weasyprint", "weasyprint.progress", "fontTools")


@contextmanager
def _quiet() -> Iterator[None]:
    with ExitStack() as stack:
        for name in NOISY_LOGGERS:
            logger = logging.getLogger(name)
            stack.callback(logger.setLevel, logger.level)
            logger.setLevel(logging.ERROR)
        yield


def document(html: str, base_url: str | None = None) -> Any:
    """The laid-out document (its `pages` tell how long it is)."""
    from weasyprint import HTML

    with _quiet():
        return HTML(string=html, base_url=base_url).render()


def pdf(html: str, base_url: str | None = None) -> bytes:
    with _quiet():
        return document(html, base_url).write_pdf()  # type: ignore[no-any-return]
