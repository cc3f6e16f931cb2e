"""Gapless numbering under concurrency, on PostgreSQL (skipped on SQLite).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/inkl_invoicing pytest this file.
"""

import contextlib
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from inkludera.invoicing.models import Invoice
from inkludera.invoicing.services import InvoiceLineInput, issue_invoice
from inkludera.invoicing.tests.conftest import wash_lines

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks across threads)"
    ),
]

THREADS = 12
PER_THREAD = 5


def test_parallel_invoices_get_gapless_unique_numbers(kasak_terms, karlskrona, asf_manager):
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    bad = InvoiceLineInput("Fel", 1, "EA", 0, 25)  # refused: must not use a number

    def work(i: int) -> None:
        try:
            barrier.wait()
            for j in range(PER_THREAD):
                lines = [bad] if (i + j) % 4 == 0 else wash_lines()
                with contextlib.suppress(ValidationError):
                    issue_invoice(
                        seller=kasak_terms.asf,
                        buyer=karlskrona.organisation,
                        lines=lines,
                        buyer_reference="KS-1",
                        source=f"test:{i}:{j}",
                        actor=asf_manager,
                    )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    expected = sum(1 for i in range(THREADS) for j in range(PER_THREAD) if (i + j) % 4 != 0)
    assert numbers == list(range(1, expected + 1))


def test_the_same_source_twice_at_once_is_invoiced_once(kasak_terms, karlskrona, asf_manager):
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def work() -> None:
        try:
            barrier.wait()
            issue_invoice(
                seller=kasak_terms.asf,
                buyer=karlskrona.organisation,
                lines=wash_lines(),
                buyer_reference="KS-1",
                source="order:99",
                actor=asf_manager,
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 7
    assert list(Invoice.objects.values_list("number", flat=True)) == [1]
