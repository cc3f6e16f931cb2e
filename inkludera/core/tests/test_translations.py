"""One English text, one Swedish text: Django keeps a single translation per msgid across
all catalogues, so two apps translating the same msgid differently would show one app's
wording in the other. Where the wording must differ, the code uses a context
(`pgettext`), as orders do for "Cancelled" (avbeställd, not avbokad)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[3]


def _catalogues() -> list[Path]:
    return [
        *sorted(ROOT.glob("inkludera/**/locale/sv/LC_MESSAGES/django.po")),
        ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po",
    ]


def test_every_english_text_has_one_swedish_text_in_all_catalogues():
    texts: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for path in _catalogues():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                continue
            texts[(entry.msgctxt, entry.msgid)][str(path.relative_to(ROOT))] = entry.msgstr
    clashes = {key: found for key, found in texts.items() if len(set(found.values())) > 1}
    assert clashes == {}


def test_an_order_is_cancelled_and_a_booking_is_cancelled_in_their_own_words():
    from django.utils import translation

    from inkludera.bookings.models import Booking
    from inkludera.orders.states import State

    with translation.override("sv"):
        assert str(State.CANCELLED.label) == "Avbeställd"
        assert str(Booking.Status.CANCELLED.label) == "Avbokad"
