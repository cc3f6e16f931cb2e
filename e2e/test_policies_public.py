"""Anyone reads Karlskrona's ASF policy and what changed between its versions."""

from playwright.sync_api import expect

from e2e.helpers import assert_accessible


def test_the_public_reads_karlskronas_policy_and_its_history(page):
    page.goto("/")
    page.get_by_role("link", name="ASF-policyer").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunernas ASF-policyer")
    assert_accessible(page)
    page.get_by_role("link", name="Karlskrona").click()
    expect(page.get_by_text("Version 2, gäller sedan 1 februari 2022.")).to_be_visible()
    expect(page.get_by_text("antalet kooperativa och sociala företag")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Version 2").click()
    expect(page.get_by_role("heading", name="Ändringar från version 1")).to_be_visible()
    assert_accessible(page)
