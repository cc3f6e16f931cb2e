"""A person with an idea applies to the incubator "Blinken" through the public form."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, sent_mail


def test_a_person_applies_to_the_incubator(page):
    page.goto("/")
    page.get_by_role("link", name="Starta ett socialt företag").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Starta ett socialt företag")
    assert_accessible(page)

    page.get_by_label("Vad heter idén?").fill("Tvätteriet i Ronneby")
    page.get_by_label("Idén:", exact=True).fill("Tvätt av arbetskläder åt hemtjänsten.")
    page.get_by_label("Vem är det för?").fill("Personer med lång tid utan arbete.")
    page.get_by_label("Kommun").select_option(label="Ronneby")
    page.get_by_label("Ditt namn").fill("Sara Nilsson")
    page.get_by_label("E-postadress").fill("sara.tvatt@example.com")
    # forgetting the consent is explained, and nothing is stored
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.locator(".error-summary")).to_contain_text("Vi behöver ditt samtycke")
    assert_accessible(page)

    page.get_by_label("Jag samtycker till att Coompanion sparar").check()
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din ansökan")
    assert_accessible(page)
    assert any("sara.tvatt@example.com" in m and "Tvätteriet i Ronneby" in m for m in sent_mail())


def test_the_form_works_with_the_keyboard_alone(page):
    page.goto("/incubator/apply/")
    page.get_by_label("Vad heter idén?").focus()
    page.keyboard.type("Snickarboden")
    page.keyboard.press("Tab")
    page.keyboard.type("Enkla snickerier.")
    page.keyboard.press("Tab")
    page.keyboard.type("Unga vuxna.")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.get_by_label("Ditt namn").focus()
    page.keyboard.type("Ali Khan")
    page.keyboard.press("Tab")
    page.keyboard.type("ali.snickare@example.com")
    page.get_by_label("Jag samtycker till att Coompanion sparar").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Skicka ansökan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din ansökan")
