import re

import pytest
from django.core import mail

from inkludera.accounts.models import ApiToken, Invitation, Membership, Organisation, Role, User


def test_login_page_and_login_by_email(client, asf_manager):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post(
        "/accounts/login/", {"username": "chef@kasak.example", "password": "test-pass-123"}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/start/"


def test_login_is_locked_after_repeated_failures(client, asf_manager, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "chef@kasak.example", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "chef@kasak.example", "password": "test-pass-123"}
    )
    assert response.status_code == 429
    assert (
        "Too many attempts" in response.content.decode()
        or "För många försök" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("support_staff", "/accounts/organisations/"),
        ("asf_manager", "/directory/kasak/"),
        ("supervisor", "Handledare"),
        ("employee", "Anställd"),
        ("municipal_buyer", "Inköpare"),
        ("placement_officer", "Handläggare"),
        ("customer", "Kund"),
    ],
)
def test_every_role_gets_a_start_page(request, login, persona, expected):
    client = login(request.getfixturevalue(persona))
    response = client.get("/accounts/start/")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_start_page_needs_login(client, db):
    response = client.get("/accounts/start/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_password_reset_sends_a_link(client, asf_manager):
    response = client.post("/accounts/password-reset/", {"email": "chef@kasak.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"/accounts/password-reset/[^/]+/[^/\s]+/", mail.outbox[0].body).group(0)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Blekinge-2026!", "new_password2": "Blekinge-2026!"},
    )
    assert done.status_code == 302
    assert User.objects.get(pk=asf_manager.pk).check_password("Blekinge-2026!")


def test_customer_signs_up_and_gets_the_customer_role(client, db):
    response = client.post(
        "/accounts/sign-up/",
        {
            "name": "Lena",
            "email": "Lena@Example.com",
            "password1": "Tvätta-bilen-1",
            "password2": "Tvätta-bilen-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="lena@example.com")
    assert user.has_role(Role.CUSTOMER)


def test_sign_up_with_taken_email_is_refused_with_a_message(client, customer):
    response = client.post(
        "/accounts/sign-up/",
        {
            "name": "X",
            "email": "kund@example.com",
            "password1": "Tvätta-bilen-1",
            "password2": "Tvätta-bilen-1",
        },
    )
    assert response.status_code == 200
    assert "finns redan" in response.content.decode()


def test_support_staff_invite_a_manager_who_accepts(client, login, support_staff, kasak):
    staff = login(support_staff)
    response = staff.post(
        f"/accounts/organisations/{kasak.slug}/invite/",
        {"name": "Nils Ny", "email": "nils@kasak.example", "role": Role.ASF_MANAGER},
    )
    assert response.status_code == 302
    link = re.search(r"/accounts/invitation/\S+/", mail.outbox[0].body).group(0)
    staff.logout()
    response = client.post(
        link, {"name": "Nils Ny", "password1": "Bilar-och-bad-9", "password2": "Bilar-och-bad-9"}
    )
    assert response.status_code == 302
    nils = User.objects.get(email="nils@kasak.example")
    assert nils.has_role(Role.ASF_MANAGER, kasak)
    assert client.get(link).status_code == 404  # used once


def test_manager_invites_own_staff_but_not_managers(login, asf_manager, kasak):
    client = login(asf_manager)
    ok = client.post(
        f"/accounts/organisations/{kasak.slug}/invite/",
        {"name": "Hanna", "email": "hanna@kasak.example", "role": Role.SUPERVISOR},
    )
    assert ok.status_code == 302
    refused = client.post(
        f"/accounts/organisations/{kasak.slug}/invite/",
        {"name": "Boss", "email": "boss@kasak.example", "role": Role.ASF_MANAGER},
    )
    assert refused.status_code == 200
    assert Invitation.objects.filter(email="boss@kasak.example").count() == 0


def test_outsider_cannot_see_or_change_another_asfs_people(login, outsider, kasak, supervisor):
    client = login(outsider)
    assert client.get(f"/accounts/organisations/{kasak.slug}/").status_code == 404
    membership = Membership.objects.get(user=supervisor)
    response = client.post(f"/accounts/organisations/{kasak.slug}/roles/{membership.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()
    invite = client.post(
        f"/accounts/organisations/{kasak.slug}/invite/",
        {"name": "Spy", "email": "spy@x.example", "role": Role.EMPLOYEE},
    )
    assert invite.status_code == 404


def test_support_staff_revoke_a_role(login, support_staff, kasak, supervisor):
    membership = Membership.objects.get(user=supervisor)
    response = login(support_staff).post(
        f"/accounts/organisations/{kasak.slug}/roles/{membership.pk}/remove/"
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_support_staff_register_a_municipality_and_duplicates_are_refused(
    login, support_staff, karlskrona
):
    client = login(support_staff)
    data = {
        "org-name": "Sölvesborgs kommun",
        "org-org_number": "212000-0845",
        "mun-name": "Sölvesborg",
        "mun-code": "1083",
        "mun-financial_year_start_month": "1",
    }
    assert client.post("/accounts/organisations/new-municipality/", data).status_code == 302
    again = client.post("/accounts/organisations/new-municipality/", data)
    assert again.status_code == 200
    text = again.content.decode()
    assert "organisationsnummer finns redan" in text
    assert Organisation.objects.filter(org_number="2120000845").count() == 1


def test_invalid_org_number_gets_a_message_and_writes_nothing(login, support_staff):
    response = login(support_staff).post(
        "/accounts/organisations/new-municipality/",
        {
            "org-name": "X kommun",
            "org-org_number": "212000-0812",
            "mun-name": "X",
            "mun-code": "9999",
            "mun-financial_year_start_month": "1",
        },
    )
    assert response.status_code == 200
    assert "kontrollsiffra" in response.content.decode()
    assert not Organisation.objects.filter(name="X kommun").exists()


@pytest.mark.parametrize("persona", ["asf_manager", "municipal_buyer", "customer", "outsider"])
def test_only_support_staff_reach_the_organisation_register_and_admin(request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get("/accounts/organisations/").status_code == 404
    assert client.get("/admin/").status_code == 302  # to the admin login: not allowed in


def test_support_staff_use_the_admin(login, support_staff):
    client = login(support_staff)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/organisation/").status_code == 200


def test_role_switch_changes_the_menu(login, asf_manager, karlskrona):
    Membership.objects.create(
        user=asf_manager, organisation=karlskrona.organisation, role=Role.MUNICIPAL_BUYER
    )
    client = login(asf_manager)
    other = Membership.objects.get(user=asf_manager, role=Role.MUNICIPAL_BUYER)
    assert client.post("/accounts/switch-role/", {"membership": other.pk}).status_code == 302
    assert client.get("/accounts/start/").context["active_membership"] == other
    foreign = Membership.objects.exclude(user=asf_manager).first()
    assert (
        client.post(
            "/accounts/switch-role/", {"membership": foreign.pk if foreign else 0}
        ).status_code
        == 404
    )


def test_api_token_is_shown_once_and_revocable(login, asf_manager, client):
    staff = login(asf_manager)
    response = staff.post("/accounts/api-tokens/", {"name": "Kassasystem"})
    key = response.context["new_key"]
    assert key.startswith("ink_")
    token = ApiToken.objects.get(user=asf_manager)
    assert key not in (token.key_hash, token.prefix)
    assert ApiToken.authenticate(key) == asf_manager
    staff.post("/accounts/api-tokens/", {"revoke": token.pk})
    assert ApiToken.authenticate(key) is None


def test_start_page_query_count_is_bounded(login, support_staff, django_assert_max_num_queries):
    client = login(support_staff)
    with django_assert_max_num_queries(8):
        assert client.get("/accounts/start/").status_code == 200
