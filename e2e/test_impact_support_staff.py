"""Support staff change a social value parameter, recompute, see both versions, and the
region."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible, log_in


def test_support_staff_change_a_parameter_recompute_and_see_both_versions(page):
    log_in(page, "stod@coompanion.example")
    page.get_by_role("link", name="Parametrar för social nytta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parametrar för social nytta")
    assert_accessible(page)

    page.get_by_role("button", name="Gör en ny version").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 är ett utkast")
    page.reload()  # the flash message list is the base layout's; check the page itself
    assert_accessible(page)

    page.get_by_role("link", name="Ändra Produktionsvärde per arbetad timme").click()
    page.get_by_label("Värde (kr)").fill("-5")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".error-summary")).to_contain_text("Ett värde kan inte vara negativt.")
    assert_accessible(page)
    page.get_by_label("Värde (kr)").fill("175")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Ändrat sedan version 1")).to_be_visible()

    page.get_by_label("Vad som ändrats").fill("Timvärdet höjt till 175 kr efter dialog med ASF.")
    page.get_by_role("button", name="Publicera version 2").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 är publicerad")

    page.goto("/impact/asf/kasak/2025/")
    expect(
        page.get_by_text("Parameterversion 2 har publicerats sedan detta beräknades.")
    ).to_be_visible()
    page.get_by_role("button", name="Räkna om").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Beräknat med Sverige – standard, version 2."
    )
    computations = page.get_by_role("table", name="Beräkningar")
    expect(computations.get_by_role("cell", name="version 1")).to_be_visible()
    expect(computations.get_by_role("cell", name="version 2")).to_be_visible()
    page.reload()
    assert_accessible(page)

    computations.get_by_role("row").filter(has_text="version 1").get_by_role("link").click()
    expect(page.get_by_text("Du ser en tidigare beräkning (parameterversion 1")).to_be_visible()


def test_support_staff_compute_the_regional_report(page):
    log_in(page, "stod@coompanion.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Social nytta i regionen"
    ).click()
    page.get_by_role("link", name="2025", exact=True).click()
    page.get_by_role("button", name="Räkna fram den regionala rapporten").click()
    expect(page.get_by_role("status")).to_contain_text("Den regionala rapporten är beräknad.")
    table = page.get_by_role("table", name="Per företag", exact=True)
    expect(
        table.get_by_role("rowheader", name="KASAK – Karlskrona Sociala Arbetskooperativ")
    ).to_be_visible()
    expect(page.locator("figure.chart").first.locator("svg")).to_be_visible()
    page.reload()
    assert_accessible(page)
