"""Pages of the buying and planning domains, found in the national data."""

from __future__ import annotations


def domain_pages(agreement) -> list:  # type: ignore[no-untyped-def]
    return []
