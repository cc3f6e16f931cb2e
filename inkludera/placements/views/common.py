"""Pieces every placements view uses."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from inkludera.accounts.models import User
from inkludera.placements.models import Placement


def user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download that no cache keeps (it may hold personal data)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


def form_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """The one-form page: title, intro, the form, a submit button and a way back."""
    return render(request, "placements/form.html", context, status=status)


def case_page(request: HttpRequest, placement: Placement, context: dict[str, Any]) -> HttpResponse:
    """A one-form page about a person's case: the case header above, back to the record."""
    back = reverse("placements:record", args=[placement.pk])
    return form_page(
        request, {"placement": placement, "person": placement.person, "back": back, **context}
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
