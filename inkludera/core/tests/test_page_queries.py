"""The main pages run the same number of queries on a small and a large data set.

Both sets come from `generate_national` (seeded), one ten times the other; each page is
opened as the role that uses it. The count must stay under the page's budget and must
not grow with the data.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from inkludera.accounts.models import Membership, Role
from inkludera.placements.models import Agreement

# page name -> the most queries it may run
BUDGET = {
    "directory search": 8,
    "ASF profile": 10,
    "ASF manager's start page": 25,
    "agreement's monthly report": 20,
    "participant list": 20,
}


def pages():  # type: ignore[no-untyped-def]
    """(name, user or None, path) for the biggest agreement, as in bench/pages/run.py."""
    agreement = (
        Agreement.objects.filter(asf__slug__startswith="nat-")
        .annotate(people=Count("placements"))
        .order_by("-people", "pk")
        .select_related("asf", "funder")
        .first()
    )
    manager = Membership.objects.get(organisation=agreement.asf, role=Role.ASF_MANAGER).user
    officer = Membership.objects.get(organisation=agreement.funder, role=Role.PLACEMENT_OFFICER)
    month = agreement.placements.exclude(start_date=None).latest("start_date").start_date
    report = f"/placements/agreements/{agreement.pk}/reports/{month.year}/{month.month}/"
    return [
        ("directory search", None, "/directory/?q=kooperativ"),
        ("ASF profile", None, f"/directory/{agreement.asf.slug}/"),
        ("ASF manager's start page", manager, "/accounts/start/"),
        ("agreement's monthly report", officer.user, report),
        ("participant list", manager, f"/placements/asf/{agreement.asf.slug}/"),
    ]


def count_queries(client, size: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    call_command("seed_demo", "--quiet")
    call_command(
        "generate_national",
        *("--asf", str(3 * size), "--municipalities", str(2 * size)),
        *("--people", str(40 * size), "--years", "2"),
        stdout=io.StringIO(),
    )
    counts = {}
    for name, user, path in pages():
        client.logout()
        if user:
            client.force_login(user)
        client.get(path)  # fill per-process caches (navigation hooks, charts)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, path)
        counts[name] = len(queries)
    return counts


@pytest.mark.django_db
def test_queries_per_page_are_few_and_do_not_grow_with_the_data(client):
    savepoint = transaction.savepoint()
    small = count_queries(client, 1)
    transaction.savepoint_rollback(savepoint)
    large = count_queries(client, 10)
    for name, budget in BUDGET.items():
        assert small[name] <= budget, (name, small)
        assert large[name] == small[name], (name, small, large)
