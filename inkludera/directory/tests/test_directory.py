from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inkludera.accounts.models import Organisation
from inkludera.accounts.tests.factories import make_asf, make_category
from inkludera.directory.models import AsfProfile, PriceVersion, Service


@pytest.fixture
def catalogue(kasak, other_asf):
    garden = make_category("garden", "Trädgård", "Gardening")
    Service.objects.create(asf=kasak, category=make_category(), name="Utvändig biltvätt")
    returen = AsfProfile.objects.get(organisation=other_asf)
    returen.categories.set([garden])
    returen.far_from_labour_market_count = 2  # 2 of 30: under 30 %
    returen.save()
    return garden


def names(response):
    return [p.organisation.name for p in response.context["page"]]


def test_public_sees_published_asf(client, catalogue):
    response = client.get("/directory/")
    assert response.status_code == 200
    assert names(response) == ["KASAK", "Returen"]


def test_search_matches_service_names(client, catalogue):
    assert names(client.get("/directory/", {"q": "biltvätt"})) == ["KASAK"]


def test_filters_combine(client, catalogue, ronneby):
    assert names(client.get("/directory/", {"municipality": "1081"})) == ["Returen"]
    assert names(client.get("/directory/", {"category": "garden"})) == ["Returen"]
    assert names(client.get("/directory/", {"reserved": "on"})) == ["KASAK"]
    assert names(client.get("/directory/", {"municipality": "1081", "reserved": "on"})) == []


def test_asf_serving_a_municipality_is_found_there(client, catalogue, kasak, ronneby):
    kasak.asf.municipalities_served.add(ronneby)
    assert names(client.get("/directory/", {"municipality": "1081"})) == ["KASAK", "Returen"]


def test_unknown_filter_values_get_messages_not_errors(client, catalogue):
    response = client.get("/directory/", {"municipality": "9999", "category": "rymdresor"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Det finns ingen kommun med den koden." in text
    assert "Det finns ingen sådan tjänstekategori." in text
    assert names(response) == ["KASAK", "Returen"]


def test_htmx_request_gets_only_the_results(client, catalogue):
    response = client.get("/directory/", {"q": "bil"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"KASAK" in response.content


def test_unpublished_profiles_are_hidden_from_the_public(client, catalogue, kasak):
    AsfProfile.objects.filter(organisation=kasak).update(is_published=False)
    assert names(client.get("/directory/")) == ["Returen"]
    assert client.get("/directory/kasak/").status_code == 404


def test_profile_shows_facts_and_counts_only(client, catalogue, kasak):
    response = client.get("/directory/kasak/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Utvändig biltvätt" in text
    assert kasak.org_number_display in text
    assert "67 %" in text  # 20 of 30 far from the labour market
    assert "reserverad" in text.lower()


def test_directory_query_count_does_not_grow_with_data(
    client, catalogue, karlskrona, django_assert_max_num_queries
):
    for i in range(15):
        make_asf(f"ASF {i}", karlskrona, slug=f"asf-{i}")
    with django_assert_max_num_queries(6):
        client.get("/directory/")


def test_profile_query_count(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/directory/kasak/")


# --- editing ----------------------------------------------------------------------------


def profile_post(profile, **changes):
    data = {
        "org-email": "info@kasak.example",
        "org-phone": "0455-1",
        "org-website": "",
        "org-street_address": "",
        "org-postal_code": "",
        "org-city": "Karlskrona",
        "asf-summary": profile.summary,
        "asf-description": "",
        "asf-legal_form": profile.legal_form,
        "asf-founded_year": "",
        "asf-home_municipality": profile.home_municipality_id,
        "asf-categories": [c.pk for c in profile.categories.all()],
        "asf-criterion_integration": "on",
        "asf-employees_count": profile.employees_count,
        "asf-participants_count": profile.participants_count,
        "asf-far_from_labour_market_count": profile.far_from_labour_market_count,
        "asf-is_published": "on",
    }
    data.update(changes)
    return data


def test_manager_edits_own_profile(login, asf_manager, kasak):
    client = login(asf_manager)
    assert client.get("/directory/kasak/edit/").status_code == 200
    response = client.post(
        "/directory/kasak/edit/", profile_post(kasak.asf, **{"asf-summary": "Vi tvättar allt."})
    )
    assert response.status_code == 302
    kasak.asf.refresh_from_db()
    assert kasak.asf.summary == "Vi tvättar allt."


def test_manager_cannot_exceed_workforce_total(login, asf_manager, kasak):
    client = login(asf_manager)
    response = client.post(
        "/directory/kasak/edit/",
        profile_post(kasak.asf, **{"asf-far_from_labour_market_count": "999"}),
    )
    assert response.status_code == 200
    assert "fler än anställda och deltagare" in response.content.decode()
    kasak.asf.refresh_from_db()
    assert kasak.asf.far_from_labour_market_count == 20


@pytest.mark.parametrize(
    "persona", ["outsider", "supervisor", "employee", "municipal_buyer", "customer"]
)
def test_others_cannot_edit_kasak(request, login, kasak, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get("/directory/kasak/edit/").status_code == 404
    assert (
        client.post(
            "/directory/kasak/edit/", profile_post(kasak.asf, **{"asf-summary": "hack"})
        ).status_code
        == 404
    )
    kasak.asf.refresh_from_db()
    assert kasak.asf.summary != "hack"


def test_anonymous_is_sent_to_login(client, kasak):
    response = client.get("/directory/kasak/edit/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def register_post(karlskrona, **changes):
    data = {
        "org-name": "Blomman Trädgård",
        "org-org_number": "769606-0003",
        "org-city": "Ronneby",
        "asf-summary": "Trädgårdsskötsel.",
        "asf-legal_form": "ekonomisk_forening",
        "asf-home_municipality": karlskrona.pk,
        "asf-employees_count": "3",
        "asf-participants_count": "5",
        "asf-far_from_labour_market_count": "4",
        "asf-is_published": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def valid_number():
    from stdnum import luhn

    body = "769606000"
    return body + luhn.calc_check_digit(body)


def test_support_staff_register_an_asf(login, support_staff, karlskrona, valid_number):
    response = login(support_staff).post(
        "/directory/new/", register_post(karlskrona, **{"org-org_number": valid_number})
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(org_number=valid_number)
    assert organisation.kind == "asf"
    assert organisation.asf.reserved_contract_eligible  # 4 of 8


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"org-org_number": "769606-0004"}, "kontrollsiffra"),
        ({"asf-legal_form": "aktiebolag"}, "börjar med 5"),
        ({"asf-far_from_labour_market_count": "9"}, "fler än anställda och deltagare"),
        ({"org-name": ""}, "Detta fält måste fyllas i"),
    ],
)
def test_bad_registrations_write_nothing(
    login, support_staff, karlskrona, valid_number, changes, message
):
    data = register_post(karlskrona, **{"org-org_number": valid_number, **changes})
    response = login(support_staff).post("/directory/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.filter(kind="asf", name="Blomman Trädgård").exists()


def test_duplicate_org_number_is_refused(login, support_staff, karlskrona, kasak):
    response = login(support_staff).post(
        "/directory/new/", register_post(karlskrona, **{"org-org_number": kasak.org_number})
    )
    assert response.status_code == 200
    assert "organisationsnummer finns redan" in response.content.decode()


@pytest.mark.parametrize("persona", ["asf_manager", "municipal_buyer", "outsider"])
def test_only_support_staff_register(request, login, persona, karlskrona):
    assert login(request.getfixturevalue(persona)).get("/directory/new/").status_code == 404


def test_english_is_one_click_away(client, catalogue):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/directory/"})
    assert response.status_code == 302
    english = client.get("/directory/").content.decode()
    assert "Find social enterprises" in english
    client.post("/i18n/setlang/", {"language": "sv", "next": "/directory/"})
    assert "Hitta sociala företag" in client.get("/directory/").content.decode()


# --- terms of sale (the catalogue) ------------------------------------------------------


def _service(kasak, **terms):
    return Service(asf=kasak, category=make_category(), name="Tvätt", **terms)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"vat_rate": Decimal("24")}, "vat_rate"),
        ({"vat_rate": Decimal("0")}, "vat_exemption_reason"),
        ({"rut": True}, "rut_labour_share"),
        ({"is_bookable": True}, "standard_minutes"),
    ],
)
def test_service_terms_refuse_bad_input_with_a_reason(kasak, terms, field):
    with pytest.raises(ValidationError) as refused:
        _service(kasak, **terms).full_clean()
    assert field in refused.value.message_dict


@pytest.mark.django_db
def test_a_new_price_never_changes_the_price_on_an_earlier_day(kasak):
    service = _service(kasak)
    service.save()
    PriceVersion.objects.create(service=service, valid_from=date(2026, 1, 1), price=Decimal("240"))
    PriceVersion.objects.create(service=service, valid_from=date(2026, 6, 1), price=Decimal("260"))
    assert service.price_on(date(2025, 12, 31)) is None
    assert service.price_on(date(2026, 5, 31)) == Decimal("240")
    assert service.price_on(date(2026, 6, 1)) == Decimal("260")
    annotated = Service.objects.with_price_on(date(2026, 3, 1)).get(pk=service.pk)
    assert annotated.price_then == Decimal("240")


@pytest.mark.django_db
def test_a_price_of_zero_is_refused(kasak):
    service = _service(kasak)
    service.save()
    with pytest.raises(ValidationError) as refused:
        PriceVersion(service=service, valid_from=date(2026, 1, 1), price=Decimal("0")).full_clean()
    assert "price" in refused.value.message_dict
