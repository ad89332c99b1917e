"""axe-core (vendored in tests/e2e/vendor, MPL-2.0, used only by the tests) finds no serious or
critical violation on the session player, light and dark, with the rest timer running, at
360 px: the player is where a runner spends their session."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from apps.training import services
from tests.e2e.conftest import PHONE
from tests.factories import DEFAULT_PASSWORD, UserFactory

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
BLOCKING = {"serious", "critical"}


def _violations(page) -> list[dict]:
    # The site's CSP allows no injected script: axe runs through the DevTools protocol instead.
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_player_has_no_serious_violation_with_the_rest_timer_running(
    browser, site, scheme, screenshot
):
    runner = UserFactory()
    session, _ = services.session_start(user=runner)
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=login]", runner.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("link", name="Settings")).to_be_visible()

    page.goto(f"{site}/train/{session.pk}/?move=squat")
    page.locator("#move-squat [data-tick]").first.click()
    expect(page.locator("#move-squat [data-rest-timer]")).to_be_visible()
    screenshot(page, f"player-axe-{scheme}")

    assert _violations(page) == []
    context.close()
