"""What journeys do again and again: log in, check accessibility, read sent mail."""

from __future__ import annotations

import os
from pathlib import Path

DEMO_PASSWORD = "inkludera-demo"


def log_in(page, email: str, password: str = DEMO_PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Log in through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/accounts/start/")


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    """axe-core finds no serious or critical violation on the current page.

    A click on a link returns before the next page has loaded, and axe run on a page
    that is being replaced finds no document. So wait for the page to load, and run axe
    again if the page was replaced while it ran.
    """
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            results = Axe().run(page)
            break
        except Error as error:
            replaced = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not replaced or attempt == 2:
                raise
            page.wait_for_timeout(200)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert not bad, f"Accessibility violations on {page.url}:\n" + "\n".join(bad)


def sent_mail() -> list[str]:
    """The emails the server has sent so far (file backend), oldest first."""
    folder = Path(os.environ["E2E_MAIL_DIR"])
    if not folder.exists():
        return []
    return [
        f.read_text(encoding="utf-8")
        for f in sorted(folder.iterdir(), key=lambda f: f.stat().st_mtime)
    ]
