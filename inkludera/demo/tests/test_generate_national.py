"""`generate_national` at a small size: every part is there, in the numbers asked for."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from inkludera.accounts.models import Organisation
from inkludera.bookings.models import Booking
from inkludera.directory.models import Service
from inkludera.invoicing.models import Invoice
from inkludera.orders.models import Order
from inkludera.placements.models import Attendance, Placement
from inkludera.planning.models import CapacityProfile, Worker


@pytest.fixture
def national(db):
    call_command("seed_demo", "--quiet")
    call_command(
        "generate_national", "--asf", "6", "--municipalities", "4", "--people", "200",
        "--seed", "2", stdout=io.StringIO(),
    )  # fmt: skip


def test_it_makes_the_asked_number_of_each_thing(national):
    assert Organisation.objects.filter(slug__startswith="nat-asf-").count() == 6
    assert Organisation.objects.filter(slug__startswith="nat-kommun-").count() == 4
    assert Worker.objects.filter(asf__slug__startswith="nat-").count() == 200
    assert Placement.objects.filter(agreement__asf__slug__startswith="nat-").count() == 200
    assert Attendance.objects.filter(agreement__asf__slug__startswith="nat-").count() == 20_000
    bookings = Booking.objects.filter(asf__slug__startswith="nat-")
    assert bookings.count() == int(5000 * 0.84)  # 500,000 bookings and orders per 20,000 people
    assert not bookings.filter(ends_at__lte=F("starts_at")).exists()
    orders = Order.objects.filter(asf__slug__startswith="nat-")
    assert orders.count() == int(5000 * 0.16)
    assert not orders.filter(delivered_quantity__gt=F("quantity")).exists()
    invoices = Invoice.objects.filter(seller__slug__startswith="nat-")
    assert invoices.count() == int(100_000 * 200 / 20_000)
    assert not invoices.exclude(gross_total=F("net_total") + F("vat_total")).exists()
    numbers = list(invoices.filter(seller=invoices[0].seller).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # gapless per ASF
    assert CapacityProfile.objects.filter(worker__asf__slug__startswith="nat-").count() == 200
    priced = Service.objects.filter(asf__slug__startswith="nat-", prices__isnull=False)
    assert priced.distinct().count() == Service.objects.filter(asf__slug__startswith="nat-").count()


def test_it_refuses_to_run_twice_on_the_same_database(national):
    with pytest.raises(CommandError, match="redan nationella data"):
        call_command("generate_national", "--asf", "1", "--people", "1")
