import pytest

from inkludera.accounts.models import ApiToken


@pytest.fixture
def catalogue(kasak, other_asf):
    return kasak


def test_public_list_and_filters(client, catalogue):
    body = client.get("/api/directory/asf").json()
    assert [a["slug"] for a in body] == ["kasak", "returen"]
    body = client.get("/api/directory/asf", {"municipality": "1081"}).json()
    assert [a["slug"] for a in body] == ["returen"]


def test_unknown_filter_is_a_400_with_swedish_message(client, catalogue):
    response = client.get("/api/directory/asf", {"municipality": "9999"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "municipality", "message": "Det finns ingen kommun med den koden."}
    ]


def test_wrong_type_is_a_422_in_swedish(client, catalogue):
    response = client.get("/api/directory/asf", {"reserved": "kanske"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "Skriv true eller false."


def test_profile_and_404(client, catalogue):
    assert client.get("/api/directory/asf/kasak").json()["name"] == "KASAK"
    assert client.get("/api/directory/asf/finns-inte").status_code == 404


def test_openapi_schema_is_served(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/directory/asf" in schema["paths"]


def test_bearer_token_authenticates(client, asf_manager):
    _token, key = ApiToken.issue(user=asf_manager, name="test")
    assert ApiToken.authenticate(key) == asf_manager
    assert ApiToken.authenticate("ink_wrong") is None
