"""What every generator step shares: the seeded random source, the sizes and fast writes."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.utils import timezone
from stdnum import luhn

PREFIX = "nat-"


@dataclass
class Sizes:
    asf: int = 400
    municipalities: int = 290
    people: int = 20_000
    years: int = 3
    bookings_and_orders: int = 500_000
    invoices: int = 100_000
    attendance: int = 2_000_000

    @classmethod
    def scaled(cls, *, asf: int, municipalities: int, people: int, years: int) -> Sizes:
        """The issue's volumes, scaled with the number of people (20,000 is full size)."""
        share = people / 20_000
        return cls(
            asf=asf,
            municipalities=municipalities,
            people=people,
            years=years,
            bookings_and_orders=int(500_000 * share),
            invoices=int(100_000 * share),
            attendance=int(2_000_000 * share),
        )


@dataclass
class NationalContext:
    sizes: Sizes
    seed: int
    today: datetime.date
    log: Callable[[str], None] = print
    rng: random.Random = field(init=False)
    shared: dict[str, Any] = field(default_factory=dict)  # what one step leaves for the next
    _started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.today.year - self.sizes.years + 1, 1, 1)

    def random_day(self, start: datetime.date | None = None, end: datetime.date | None = None):
        start = start or self.first_day
        end = end or self.today
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def progress(self, message: str) -> None:
        self.log(f"[{time.monotonic() - self._started:6.1f} s] {message}")

    def copy(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> int:
        """Write rows fast: COPY on PostgreSQL, executemany elsewhere. Returns the count.

        `columns` are attribute names (`agreement_id`); values go in as they are, so the
        caller gives every NOT NULL column (Django defaults are not applied here).
        """
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
        names = [quote(by_attname.get(c) or model._meta.get_field(c).column) for c in columns]
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                return count
            marks = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})"  # noqa: S608 - model names
            batch: list[Sequence[Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 5000:
                    cursor.executemany(sql, batch)
                    count, batch = count + len(batch), []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count

    def copy_instances(self, model: type[models.Model], instances: Iterable[models.Model]) -> int:
        """Write unsaved instances fast (COPY), every concrete field but the automatic key.

        Field defaults apply (they are set when an instance is made); `auto_now` and
        `auto_now_add` fields get the current time. No signals, no `save()`.
        """
        fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
        ]
        stamped = {
            f.attname
            for f in fields
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        }
        now = timezone.now()

        def rows() -> Iterable[list[Any]]:
            for obj in instances:
                yield [
                    f.get_db_prep_save(
                        now if f.attname in stamped else getattr(obj, f.attname), connection
                    )
                    for f in fields
                ]

        return self.copy(model, [f.attname for f in fields], rows())


def org_number(group: str, serial: int) -> str:
    """A valid, unique organisation number for synthetic data (Luhn, digits 3-4 >= 20)."""
    body = f"{group}69{serial:06d}"
    return body + luhn.calc_check_digit(body)
