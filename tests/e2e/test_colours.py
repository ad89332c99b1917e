"""Dark and dim rooms: the pages follow the device's light or dark preference, and
the runner's choice in settings overrides it, in a real Chromium at 360 px."""

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.factories import DEFAULT_PASSWORD, UserFactory

LIGHT_PAPER = "rgb(246, 245, 241)"
DARK_PAPER = "rgb(16, 22, 21)"


def _signed_in_page(browser, site, user, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("link", name="Settings")).to_be_visible()
    return page


def _paper(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_a_dark_device_gets_dark_pages_until_the_runner_picks_light(browser, site, screenshot):
    page = _signed_in_page(browser, site, UserFactory(), "dark")
    page.goto(f"{site}/settings/")
    assert _paper(page) == DARK_PAPER
    screenshot(page, "settings-dark")

    page.get_by_label("Light", exact=True).check()
    page.get_by_role("button", name="Save settings").click()

    expect(page.get_by_text("Settings saved.")).to_be_visible()
    assert _paper(page) == LIGHT_PAPER


def test_a_light_device_gets_dark_pages_once_the_runner_picks_dark(browser, site):
    page = _signed_in_page(browser, site, UserFactory(theme="dark"), "light")
    page.goto(f"{site}/routine/")
    assert _paper(page) == DARK_PAPER
