"""Errors the impact app shows to people, in their language."""

from __future__ import annotations


class ImpactError(ValueError):
    """An account cannot be computed as asked (missing parameter, unknown situation ...)."""


class NoDataError(ImpactError):
    """There is nothing to compute for this ASF and year."""
