"""Swedish identifiers, validated with python-stdnum, with messages a person understands.

Each `clean_*` function returns the canonical stored form or raises a ValidationError
in the active language.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr, personnummer


def clean_org_number(value: str) -> str:
    """Organisationsnummer: 10 digits, digits 3–4 at least 20, Luhn check. Stored as 10 digits."""
    number = orgnr.compact(value or "")
    if not number.isdigit() or len(number) != 10:
        raise ValidationError(
            _("An organisation number has 10 digits, e.g. 769612-3456."), code="org_format"
        )
    if int(number[2:4]) < 20:
        raise ValidationError(
            _(
                "Digits 3–4 of an organisation number are 20 or more; this looks like a "
                "personal identity number."
            ),
            code="org_group",
        )
    if not orgnr.is_valid(number):
        raise ValidationError(
            _("The organisation number's check digit is wrong. Check it for typing errors."),
            code="org_checksum",
        )
    return number


def format_org_number(number: str) -> str:
    return f"{number[:6]}-{number[6:]}" if len(number) == 10 else number


def clean_personal_number(value: str, *, today: datetime.date | None = None) -> str:
    """Personnummer or samordningsnummer (day + 60). Stored as 12 digits, YYYYMMDDNNNC.

    Accepts 10 or 12 digits with or without '-' ('+' for people aged 100 or more).
    """
    raw = (value or "").strip().replace(" ", "")
    if (
        len(raw.replace("-", "").replace("+", "")) not in (10, 12)
        or not raw.replace("-", "").replace("+", "").isdigit()
    ):
        raise ValidationError(
            _("Write the personal identity number as YYYYMMDD-NNNN or YYMMDD-NNNN."),
            code="pnr_format",
        )
    compact = personnummer.compact(raw)
    digits = compact.replace("-", "").replace("+", "")
    day = int(digits[-6:-4])
    coordination = day > 60
    probe = compact
    if coordination:
        # stdnum knows no samordningsnummer: check the date with the real day.
        position = len(compact) - 7
        probe = compact[:position] + f"{day - 60:02d}" + compact[position + 2 :]
    try:
        birth = personnummer.get_birth_date(probe)
        luhn.validate(digits[-10:])
    except StdnumError as exc:
        if isinstance(exc, personnummer.InvalidComponent):
            raise ValidationError(
                _("The date in the personal identity number does not exist."), code="pnr_date"
            ) from exc
        raise ValidationError(
            _("The check digit of the personal identity number is wrong."), code="pnr_checksum"
        ) from exc
    if birth > (today or timezone.localdate()):
        raise ValidationError(
            _("The personal identity number gives a birth date in the future."), code="pnr_date"
        )
    return f"{birth.year:04d}{birth.month:02d}{day:02d}{digits[-4:]}"


def format_personal_number(number: str) -> str:
    return f"{number[:8]}-{number[8:]}" if len(number) == 12 else number


def birth_date_from_personal_number(number: str) -> datetime.date:
    day = int(number[6:8])
    return datetime.date(int(number[:4]), int(number[4:6]), day - 60 if day > 60 else day)


def sex_from_personal_number(number: str) -> str:
    """'male' or 'female', from the second-last digit (legal sex at registration)."""
    return "male" if int(number[-2]) % 2 else "female"


def vat_number_for(org_number: str) -> str:
    """Swedish VAT registration number: SE + organisation number + 01."""
    return f"SE{org_number}01"
