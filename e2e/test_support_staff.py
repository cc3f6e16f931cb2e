"""Support staff register a new ASF, invite its manager, and see it in the directory."""

import random
import re

from playwright.sync_api import expect
from stdnum import luhn

from e2e.helpers import assert_accessible, log_in, sent_mail


def fresh_org_number() -> str:
    body = f"7697{random.randint(10000, 99999)}"
    return body + luhn.calc_check_digit(body)


def test_support_staff_register_a_new_asf(page):
    log_in(page, "stod@coompanion.example")
    assert_accessible(page)
    page.get_by_role("link", name="Organisationer").first.click()
    page.get_by_role("link", name="Registrera ett socialt företag").click()
    assert_accessible(page)

    name = f"Blomsterkooperativet {random.randint(1000, 9999)}"
    number = fresh_org_number()
    page.get_by_label("Namn").fill(name)
    page.get_by_label("Organisationsnummer").fill("769700-0000")  # wrong check digit first
    page.get_by_label("Ort").fill("Ronneby")
    page.get_by_label("I en mening").fill("Blommor och trädgård i Ronneby.")
    page.get_by_label("Juridisk form").select_option(label="Ekonomisk förening")
    page.get_by_label("Hemkommun").select_option(label="Ronneby")
    page.get_by_label("Trädgård och grönyteskötsel").check()
    page.get_by_label("Anställda").fill("4")
    page.get_by_label("Deltagare (arbetsträning, sysselsättning)").fill("6")
    page.get_by_label("Varav långt från arbetsmarknaden").fill("5")
    page.get_by_role("button", name="Spara").click()

    expect(page.locator(".error-summary")).to_contain_text("kontrollsiffra")
    assert_accessible(page)
    page.get_by_label("Organisationsnummer").fill(number)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("är registrerat")

    # Invite the manager.
    page.get_by_label("Namn").fill("Greta Grön")
    page.get_by_label("E-postadress").fill(f"greta{number}@example.com")
    page.get_by_label("Roll").select_option(label="Verksamhetsledare")
    page.get_by_role("button", name="Skicka inbjudan").click()
    expect(page.get_by_role("status")).to_contain_text("En inbjudan skickades")
    assert any(f"greta{number}@example.com" in m for m in sent_mail())

    page.goto("/directory/?q=" + name.split()[1])
    expect(page.locator("#results .result")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text(name)
    expect(page.locator("#results")).to_contain_text(re.compile("reserverade kontrakt"))
