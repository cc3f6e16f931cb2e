"""Orders through their services: terms copied, the state machine, events, mail, guidance."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from inkludera.core.models import AuditEntry
from inkludera.directory.models import PriceVersion
from inkludera.orders import services
from inkludera.orders.models import Order, OrderEvent, PurchaseRecord
from inkludera.orders.states import TRANSITIONS, State
from inkludera.orders.tests.conftest import order_data
from inkludera.support.policies.models import MunicipalPolicy

pytestmark = pytest.mark.django_db


def test_a_draft_copies_todays_price_and_terms(draft, wash, today):
    assert draft.state == State.DRAFT
    assert draft.unit_price == Decimal("260")
    assert draft.value == Decimal("6240.00")
    assert draft.unit == "item"
    assert draft.vat_rate == Decimal("25")
    PriceVersion.objects.create(service=wash, valid_from=today, price=Decimal("300"))
    draft.refresh_from_db()
    assert draft.unit_price == Decimal("260")  # a new price never changes an order


def test_placing_stores_the_guidance_logs_and_mails_the_asf(
    draft, municipal_buyer, asf_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = services.place_order(actor=municipal_buyer, order=draft)
    assert order.state == State.PLACED
    assert order.guidance["level"] == "ok"
    assert order.guidance["order_value"] == "6240.00"
    assert [e.kind for e in order.events.all()] == ["created", "placed"]
    assert AuditEntry.objects.for_object(order).filter(action="order.placed").exists()
    assert mail.outbox
    assert mail.outbox[0].to == [asf_manager.email]


def test_the_whole_journey_to_delivered(placed, asf_manager, municipal_buyer):
    order = services.accept_order(actor=asf_manager, order=placed)
    order = services.record_delivery(actor=asf_manager, order=order, quantity=Decimal("10"))
    assert order.state == State.PARTLY_DELIVERED
    order = services.record_delivery(actor=asf_manager, order=order, quantity=Decimal("14"))
    assert order.state == State.DELIVERED
    kinds = list(order.events.values_list("kind", flat=True))
    assert kinds == ["created", "placed", "accepted", "delivered", "delivered"]


def test_delivering_more_than_ordered_is_refused(accepted, asf_manager):
    with pytest.raises(ValidationError) as exc:
        services.record_delivery(actor=asf_manager, order=accepted, quantity=Decimal("25"))
    assert "quantity" in exc.value.message_dict
    accepted.refresh_from_db()
    assert accepted.delivered_quantity == 0
    assert accepted.state == State.ACCEPTED


def test_a_proposed_change_is_accepted_by_the_buyer(placed, asf_manager, municipal_buyer):
    start = placed.period_start + datetime.timedelta(days=7)
    services.propose_change(
        actor=asf_manager,
        order=placed,
        quantity=Decimal("20"),
        period_start=start,
        period_end=start + datetime.timedelta(days=4),
        unit_price=Decimal("250"),
        note="Vi hinner 20 bilar veckan efter.",
    )
    order = services.accept_change(actor=municipal_buyer, order=placed)
    assert order.state == State.ACCEPTED
    assert (order.quantity, order.unit_price, order.period_start) == (
        Decimal("20"),
        Decimal("250"),
        start,
    )


def test_the_buyer_withdraws_after_a_proposal(placed, asf_manager, municipal_buyer):
    services.propose_change(
        actor=asf_manager,
        order=placed,
        quantity=Decimal("20"),
        period_start=placed.period_start,
        period_end=placed.period_end,
        unit_price=Decimal("300"),
        note="Dyrare i december.",
    )
    order = services.cancel_order(actor=municipal_buyer, order=placed, reason="För dyrt")
    assert order.state == State.CANCELLED


def test_declining_needs_a_reason(placed, asf_manager):
    with pytest.raises(ValidationError):
        services.decline_order(actor=asf_manager, order=placed, reason="  ")
    order = services.decline_order(actor=asf_manager, order=placed, reason="Fullbokat v. 50")
    assert order.state == State.DECLINED
    assert order.decline_reason == "Fullbokat v. 50"


ALL_STEPS = [
    ("accept", lambda o, u: services.accept_order(actor=u, order=o)),
    ("decline", lambda o, u: services.decline_order(actor=u, order=o, reason="Nej")),
    ("accept_change", lambda o, u: services.accept_change(actor=u, order=o)),
    ("cancel", lambda o, u: services.cancel_order(actor=u, order=o)),
    ("deliver", lambda o, u: services.record_delivery(actor=u, order=o, quantity=Decimal("1"))),
    ("place", lambda o, u: services.place_order(actor=u, order=o)),
]
LEGAL = {
    State.DRAFT: {"place", "cancel"},
    State.PLACED: {"accept", "decline", "cancel"},
    State.ACCEPTED: {"deliver", "cancel"},
    State.DECLINED: set(),
    State.CANCELLED: set(),
}


@pytest.mark.parametrize("state", list(LEGAL))
@pytest.mark.parametrize(("step", "call"), ALL_STEPS)
def test_illegal_transitions_are_refused(draft, asf_manager, state, step, call):  # type: ignore[no-untyped-def]
    Order.objects.filter(pk=draft.pk).update(state=state)
    draft.refresh_from_db()
    if step in LEGAL[state]:
        return
    with pytest.raises(ValidationError):
        call(draft, asf_manager)
    draft.refresh_from_db()
    assert draft.state == state


def test_the_table_has_no_step_out_of_a_final_state():
    assert not [
        k for k in TRANSITIONS if k[0] in (State.DECLINED, State.DELIVERED, State.CANCELLED)
    ]


def test_bad_input_writes_nothing(municipal_buyer, karlskrona, wash):
    for bad in [
        {"quantity": Decimal("0")},
        {"buyer_reference": ""},
        {"order_number": ""},
        {"buyer_reference": "x" * 101},
        {"delivery_place": "x" * 201},
        {"note": "x" * 1001},
    ]:
        with pytest.raises(ValidationError):
            services.create_order(
                actor=municipal_buyer,
                buyer=karlskrona.organisation,
                service=wash,
                **order_data(**bad),
            )
    assert not Order.objects.exists()
    assert not OrderEvent.objects.exists()


def test_a_service_without_a_price_cannot_be_ordered(municipal_buyer, karlskrona, wash):
    wash.prices.all().delete()
    with pytest.raises(ValidationError) as exc:
        services.create_order(
            actor=municipal_buyer, buyer=karlskrona.organisation, service=wash, **order_data()
        )
    assert "service" in exc.value.message_dict


def test_guidance_sums_orders_and_purchases_of_the_same_kind(
    draft, municipal_buyer, karlskrona, wash, today
):
    MunicipalPolicy.objects.create(
        municipality=karlskrona, version=1, valid_from=datetime.date(2022, 2, 1), title="Policy"
    )
    services.record_purchase(
        actor=municipal_buyer,
        buyer=karlskrona.organisation,
        category=wash.category,
        supplier="Biltvätt AB",
        purchased_on=today,
        amount=Decimal("695000"),
    )
    guidance = services.guidance_for_order(draft)
    assert guidance.records_sum == Decimal("695000")
    assert guidance.assessment.level == "over"
    with pytest.raises(ValidationError) as exc:
        services.place_order(actor=municipal_buyer, order=draft)
    assert "justification" in exc.value.message_dict
    order = services.place_order(
        actor=municipal_buyer, order=draft, justification="Avrop enligt ramavtal pågår."
    )
    assert order.state == State.PLACED
    assert order.guidance["level"] == "over"
    # the next order counts this one too
    second = services.create_order(
        actor=municipal_buyer, buyer=karlskrona.organisation, service=wash, **order_data()
    )
    assert services.guidance_for_order(second).orders_sum == Decimal("6240.00")


def test_purchase_of_zero_is_refused(municipal_buyer, karlskrona, wash, today):
    with pytest.raises(ValidationError):
        services.record_purchase(
            actor=municipal_buyer,
            buyer=karlskrona.organisation,
            category=wash.category,
            supplier="X",
            purchased_on=today,
            amount=Decimal("0"),
        )
    assert not PurchaseRecord.objects.exists()


def test_invoice_lines_for_what_is_delivered_but_not_invoiced(accepted, asf_manager):
    assert services.invoice_lines_for_order(accepted) == []
    order = services.record_delivery(actor=asf_manager, order=accepted, quantity=Decimal("10"))
    [line] = services.invoice_lines_for_order(order)
    assert line["quantity"] == Decimal("10")
    assert line["unit_price"] == Decimal("260")
    assert line["vat_rate"] == Decimal("25")
    assert line["rut_labour_share"] is None
    assert set(line) == {
        "description",
        "quantity",
        "unit",
        "unit_price",
        "vat_rate",
        "vat_exemption_reason",
        "rut_labour_share",
    }
    services.mark_invoiced(actor=asf_manager, order=order, quantity=Decimal("10"))
    order.refresh_from_db()
    assert services.invoice_lines_for_order(order) == []
    assert services.invoice_references_for_order(order) == {
        "buyer_reference": "KS-4410",
        "order_reference": "PO-2026-117",
    }


def test_planning_contract(accepted, kasak, placed):
    found = (
        Order.objects.accepted()
        .for_asf(kasak)
        .overlapping(accepted.period_start, accepted.period_start)
    )
    assert list(found) == [accepted]
    assert (
        not Order.objects.accepted()
        .for_asf(kasak)
        .overlapping(
            accepted.period_end + datetime.timedelta(days=1),
            accepted.period_end + datetime.timedelta(days=5),
        )
        .exists()
    )


def test_a_proposal_that_passes_the_limit_needs_a_justification(
    placed, asf_manager, municipal_buyer, karlskrona, wash, today
):
    PurchaseRecord.objects.create(
        buyer=karlskrona.organisation,
        category=wash.category,
        supplier="X",
        purchased_on=today,
        amount=Decimal("690000"),
    )
    services.propose_change(
        actor=asf_manager,
        order=placed,
        quantity=Decimal("40"),
        period_start=placed.period_start,
        period_end=placed.period_end,
        unit_price=Decimal("300"),
        note="Fler bilar behöver tvättas.",
    )
    placed.refresh_from_db()
    assert services.guidance_for_proposal(placed).assessment.level == "over"
    with pytest.raises(ValidationError):
        services.accept_change(actor=municipal_buyer, order=placed)
    placed.refresh_from_db()
    assert placed.state == State.CHANGE_PROPOSED
    order = services.accept_change(actor=municipal_buyer, order=placed, justification="Akut.")
    assert order.state == State.ACCEPTED
    assert order.guidance["level"] == "over"
