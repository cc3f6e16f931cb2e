"""Who may see the incubator: support staff run it; the public only applies.

One condition per line. Applicants' contact details are read only here, and every read
of a venture's record is logged by the view.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from inkludera.accounts.access import require_support_staff
from inkludera.support.incubator.models import ChecklistItem, Programme, Venture


def venture_for_staff(request: HttpRequest, pk: int) -> Venture:
    require_support_staff(request)
    return get_object_or_404(
        Venture.objects.select_related("programme", "municipality", "advisor", "organisation"),
        pk=pk,
    )


def programme_for_staff(request: HttpRequest, pk: int) -> Programme:
    require_support_staff(request)
    return get_object_or_404(Programme, pk=pk)


def checklist_item_for_staff(request: HttpRequest, programme: Programme, pk: int) -> ChecklistItem:
    require_support_staff(request)
    return get_object_or_404(ChecklistItem, programme=programme, pk=pk)
