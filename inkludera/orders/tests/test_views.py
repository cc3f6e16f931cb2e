"""Every page: the allowed role, the refused outsider and the other municipality's buyer;
forms with bad input write nothing; list pages and the dashboard in bounded queries."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from inkludera.orders import services
from inkludera.orders.models import Order, PurchaseRecord
from inkludera.orders.states import State
from inkludera.orders.tests.conftest import order_data

pytestmark = pytest.mark.django_db

ORDER_PAGES_BUYER = ["orders:detail", "orders:cancel"]
ORDER_PAGES_ASF = ["orders:detail", "orders:decline", "orders:propose"]


def _post_data(**changes: object) -> dict[str, object]:
    return {k: str(v) for k, v in order_data(**changes).items()}


@pytest.mark.parametrize(
    "name", ["orders:buyer_list", "orders:new", "orders:purchases", "orders:spend"]
)
def test_buyer_pages(
    login, municipal_buyer, outsider, ronneby_buyer, asf_manager, karlskrona, name
):  # type: ignore[no-untyped-def]
    url = reverse(name, args=[karlskrona.organisation.slug])
    assert login(municipal_buyer).get(url).status_code == 200
    for stranger in (outsider, ronneby_buyer, asf_manager):
        assert login(stranger).get(url).status_code == 404


def test_spend_is_open_to_support_staff(login, support_staff, karlskrona):  # type: ignore[no-untyped-def]
    url = reverse("orders:spend", args=[karlskrona.organisation.slug])
    assert login(support_staff).get(url).status_code == 200


def test_anonymous_is_sent_to_log_in(client, karlskrona):  # type: ignore[no-untyped-def]
    response = client.get(reverse("orders:buyer_list", args=[karlskrona.organisation.slug]))
    assert response.status_code == 302


def test_asf_list(login, asf_manager, supervisor, outsider, municipal_buyer, kasak):  # type: ignore[no-untyped-def]
    url = reverse("orders:asf_list", args=[kasak.slug])
    assert login(asf_manager).get(url).status_code == 200
    assert login(supervisor).get(url).status_code == 200
    assert login(outsider).get(url).status_code == 404
    assert login(municipal_buyer).get(url).status_code == 404


def test_order_pages(
    login, placed, municipal_buyer, asf_manager, outsider, ronneby_buyer, employee
):  # type: ignore[no-untyped-def]
    for name in ORDER_PAGES_BUYER:
        url = reverse(name, args=[placed.pk])
        assert login(municipal_buyer).get(url).status_code == 200
    for name in ORDER_PAGES_ASF:
        assert login(asf_manager).get(reverse(name, args=[placed.pk])).status_code == 200
    for name in {*ORDER_PAGES_BUYER, *ORDER_PAGES_ASF, "orders:confirm", "orders:deliver"}:
        url = reverse(name, args=[placed.pk])
        for stranger in (outsider, ronneby_buyer, employee):
            assert login(stranger).get(url).status_code == 404
    # each side is refused the other side's steps
    assert (
        login(municipal_buyer).get(reverse("orders:decline", args=[placed.pk])).status_code == 404
    )
    assert login(asf_manager).get(reverse("orders:cancel", args=[placed.pk])).status_code == 404
    assert (
        login(asf_manager).post(reverse("orders:accept_change", args=[placed.pk])).status_code
        == 404
    )
    assert (
        login(municipal_buyer).post(reverse("orders:accept", args=[placed.pk])).status_code == 404
    )


def test_a_draft_is_the_buyers_own(login, draft, asf_manager, municipal_buyer):  # type: ignore[no-untyped-def]
    assert login(asf_manager).get(reverse("orders:detail", args=[draft.pk])).status_code == 404
    assert login(municipal_buyer).get(reverse("orders:confirm", args=[draft.pk])).status_code == 200


def test_support_staff_read_but_do_not_act(login, placed, support_staff):  # type: ignore[no-untyped-def]
    client = login(support_staff)
    assert client.get(reverse("orders:detail", args=[placed.pk])).status_code == 200
    assert client.post(reverse("orders:accept", args=[placed.pk])).status_code == 404


def test_the_buyer_orders_sees_the_guidance_and_confirms(login, municipal_buyer, karlskrona, wash):  # type: ignore[no-untyped-def]
    client = login(municipal_buyer)
    response = client.post(
        reverse("orders:new", args=[karlskrona.organisation.slug]),
        {"service": wash.pk, **_post_data()},
    )
    order = Order.objects.get()
    assert response.url == reverse("orders:confirm", args=[order.pk])
    page = client.get(response.url)
    assert b"LOU 19 kap. 7" in page.content
    assert b"LOU 4 kap. 18" in page.content
    response = client.post(reverse("orders:confirm", args=[order.pk]), {"justification": ""})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == State.PLACED


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"buyer_reference": ""}, "buyer_reference"),
        ({"order_number": ""}, "order_number"),
        ({"buyer_reference": "x" * 101}, "buyer_reference"),
        ({"note": "x" * 1001}, "note"),
        ({"period_end": "2020-01-01"}, "period_end"),
    ],
)
def test_bad_order_input_is_shown_beside_the_field_and_writes_nothing(  # type: ignore[no-untyped-def]
    login, municipal_buyer, karlskrona, wash, changes, field
):
    response = login(municipal_buyer).post(
        reverse("orders:new", args=[karlskrona.organisation.slug]),
        {"service": wash.pk, **_post_data(**changes)},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Order.objects.exists()


def test_passing_the_limit_needs_a_justification(
    login, municipal_buyer, draft, karlskrona, wash, today
):  # type: ignore[no-untyped-def]
    PurchaseRecord.objects.create(
        buyer=karlskrona.organisation,
        category=wash.category,
        supplier="X",
        purchased_on=today,
        amount=Decimal("699000"),
    )
    client = login(municipal_buyer)
    url = reverse("orders:confirm", args=[draft.pk])
    response = client.post(url, {"justification": ""})
    assert response.status_code == 200
    assert "justification" in response.context["form"].errors
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    client.post(url, {"justification": "Upphandling pågår, akut behov."})
    draft.refresh_from_db()
    assert draft.state == State.PLACED
    assert draft.justification == "Upphandling pågår, akut behov."


def test_asf_accepts_and_delivers_through_the_pages(login, placed, asf_manager):  # type: ignore[no-untyped-def]
    client = login(asf_manager)
    client.post(reverse("orders:accept", args=[placed.pk]))
    response = client.post(reverse("orders:deliver", args=[placed.pk]), {"quantity": "30"})
    assert response.status_code == 200
    assert "quantity" in response.context["form"].errors
    client.post(reverse("orders:deliver", args=[placed.pk]), {"quantity": "24"})
    placed.refresh_from_db()
    assert placed.state == State.DELIVERED
    page = client.get(reverse("orders:detail", args=[placed.pk]))
    assert page.status_code == 200


def test_purchase_record_form(login, municipal_buyer, karlskrona, wash):  # type: ignore[no-untyped-def]
    client = login(municipal_buyer)
    url = reverse("orders:purchases", args=[karlskrona.organisation.slug])
    bad = {
        "category": wash.category.pk,
        "supplier": "X",
        "purchased_on": "2026-01-05",
        "amount": "0",
    }
    response = client.post(url, bad)
    assert "amount" in response.context["form"].errors
    assert not PurchaseRecord.objects.exists()
    client.post(url, {**bad, "amount": "120000"})
    assert PurchaseRecord.objects.get().amount == Decimal("120000")


def _many_orders(n, municipal_buyer, karlskrona, wash, asf_manager):  # type: ignore[no-untyped-def]
    for _ in range(n):
        order = services.create_order(
            actor=municipal_buyer, buyer=karlskrona.organisation, service=wash, **order_data()
        )
        services.place_order(actor=municipal_buyer, order=order)


def test_list_pages_and_dashboard_in_bounded_queries(  # type: ignore[no-untyped-def]
    login, municipal_buyer, asf_manager, karlskrona, wash, kasak, django_assert_max_num_queries
):
    _many_orders(8, municipal_buyer, karlskrona, wash, asf_manager)
    buyer = login(municipal_buyer)
    for name in ("orders:buyer_list", "orders:spend"):
        with django_assert_max_num_queries(14):
            assert buyer.get(reverse(name, args=[karlskrona.organisation.slug])).status_code == 200
    seller = login(asf_manager)
    with django_assert_max_num_queries(14):
        assert seller.get(reverse("orders:asf_list", args=[kasak.slug])).status_code == 200


def test_dashboard_shows_spend_per_category_and_asf(login, placed, municipal_buyer, karlskrona):  # type: ignore[no-untyped-def]
    page = login(municipal_buyer).get(reverse("orders:spend", args=[karlskrona.organisation.slug]))
    assert page.context["spend"].total == Decimal("6240.00")
    assert page.context["spend"].asf == [("KASAK", Decimal("6240.00"))]
    assert page.context["spend"].categories[0].total == Decimal("6240.00")
    bad = login(municipal_buyer).get(
        reverse("orders:spend", args=[karlskrona.organisation.slug]) + "?year=abc"
    )
    assert bad.status_code == 404


def test_start_page_panel_counts_orders_waiting(login, placed, asf_manager):  # type: ignore[no-untyped-def]
    page = login(asf_manager).get(reverse("accounts:start"))
    assert page.status_code == 200
    assert reverse("orders:asf_list", args=[placed.asf.slug]).encode() in page.content


def test_proposal_flow_through_pages(login, placed, asf_manager, municipal_buyer):  # type: ignore[no-untyped-def]
    start = placed.period_start + datetime.timedelta(days=7)
    login(asf_manager).post(
        reverse("orders:propose", args=[placed.pk]),
        {
            "quantity": "20",
            "period_start": start,
            "period_end": start,
            "unit_price": "250",
            "note": "Vecka 51",
        },
    )
    placed.refresh_from_db()
    assert placed.state == State.CHANGE_PROPOSED
    login(municipal_buyer).post(reverse("orders:accept_change", args=[placed.pk]))
    placed.refresh_from_db()
    assert placed.state == State.ACCEPTED
    assert placed.quantity == Decimal("20")


def test_spend_index_for_support_staff_only(login, support_staff, municipal_buyer, karlskrona):  # type: ignore[no-untyped-def]
    url = reverse("orders:spend_index")
    page = login(support_staff).get(url)
    assert page.status_code == 200
    assert reverse("orders:spend", args=[karlskrona.organisation.slug]).encode() in page.content
    assert login(municipal_buyer).get(url).status_code == 404


def test_the_buyer_is_mailed_when_the_asf_answers(  # type: ignore[no-untyped-def]
    login, placed, asf_manager, municipal_buyer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(asf_manager).post(reverse("orders:accept", args=[placed.pk]))
    assert [m.to for m in mailoutbox] == [[municipal_buyer.email]]
    assert placed.reference in mailoutbox[0].subject


def test_the_timeline_is_shown_to_both_sides(login, accepted, asf_manager, municipal_buyer):  # type: ignore[no-untyped-def]
    url = reverse("orders:detail", args=[accepted.pk])
    for user in (asf_manager, municipal_buyer):
        events = list(login(user).get(url).context["events"])
        assert [e.kind for e in events] == ["created", "placed", "accepted"]


def test_a_supervisor_answers_for_the_asf(login, placed, supervisor):  # type: ignore[no-untyped-def]
    login(supervisor).post(reverse("orders:accept", args=[placed.pk]))
    placed.refresh_from_db()
    assert placed.state == State.ACCEPTED


def test_order_page_in_bounded_queries(login, accepted, asf_manager, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    client = login(asf_manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("orders:detail", args=[accepted.pk])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_kept_spend_dashboard_and_start_panel_show_a_new_order_at_once(  # type: ignore[no-untyped-def]
    page_cache, login, municipal_buyer, asf_manager, karlskrona, wash
):
    """Both are kept in the page cache (issue 8); placing an order moves their version."""
    spend_url = reverse("orders:spend", args=[karlskrona.organisation.slug])
    buyer = login(municipal_buyer)
    assert "6 240" not in buyer.get(spend_url).content.decode().replace("\xa0", " ")
    manager = Client()
    manager.force_login(asf_manager)
    waiting = re.compile(r'<span class="stat">(\d+)</span> <a href="/orders/received/')
    assert waiting.findall(manager.get(reverse("accounts:start")).content.decode()) == ["0"]
    draft = services.create_order(
        actor=municipal_buyer, buyer=karlskrona.organisation, service=wash, **order_data()
    )
    services.place_order(actor=municipal_buyer, order=draft)
    assert "6 240" in buyer.get(spend_url).content.decode().replace("\xa0", " ")
    assert waiting.findall(manager.get(reverse("accounts:start")).content.decode()) == ["1"]
