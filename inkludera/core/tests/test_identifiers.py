import datetime

import pytest
from django.core.exceptions import ValidationError

from inkludera.core.identifiers import (
    birth_date_from_personal_number,
    clean_org_number,
    clean_personal_number,
    sex_from_personal_number,
    vat_number_for,
)


@pytest.mark.parametrize("raw", ["212000-0811", "2120000811", " 212000 0811 "])
def test_org_number_is_stored_as_ten_digits(raw):
    assert clean_org_number(raw) == "2120000811"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("212000-0812", "org_checksum"),  # wrong check digit
        ("19121212-1212", "org_format"),  # 12 digits
        ("121212-1212", "org_group"),  # digits 3-4 are 12: a personnummer
        ("abc", "org_format"),
        ("", "org_format"),
    ],
)
def test_org_number_errors_say_what_is_wrong(raw, code):
    with pytest.raises(ValidationError) as exc:
        clean_org_number(raw)
    assert exc.value.code == code


def test_personal_number_accepts_skatteverkets_test_number_in_both_forms():
    assert clean_personal_number("19121212-1212") == "191212121212"
    assert clean_personal_number("191212121212") == "191212121212"
    # Ten digits: the century comes from the date (people under 100 use '-').
    assert clean_personal_number("121212-1212", today=datetime.date(2026, 11, 28)) == "201212121212"
    assert clean_personal_number("121212+1212", today=datetime.date(2026, 11, 28)) == "191212121212"


def test_coordination_number_keeps_day_plus_sixty():
    number = clean_personal_number("701063-2391", today=datetime.date(2026, 1, 1))
    assert number == "197010632391"
    assert birth_date_from_personal_number(number) == datetime.date(1970, 10, 3)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("19121212-1213", "pnr_checksum"),
        ("19121312-1212", "pnr_date"),  # month 13
        ("1212", "pnr_format"),
        ("20990101-1230", "pnr_date"),  # valid check digit, born in 2099
    ],
)
def test_personal_number_errors(raw, code):
    with pytest.raises(ValidationError) as exc:
        clean_personal_number(raw, today=datetime.date(2026, 11, 28))
    assert exc.value.code == code


def test_sex_and_vat_number():
    assert sex_from_personal_number("191212121212") == "male"  # 9th digit 1 is odd
    assert sex_from_personal_number("195005050512") == "male"
    assert vat_number_for("7696001002") == "SE769600100201"
