"""A large import goes in steps: in the browser the progress page posts each next step by
itself until the import is in; without JavaScript the runner continues with the button."""

import pytest
from playwright.sync_api import expect

from apps.portability import services
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_moving_in_and_out import SAMPLES, open_import, sign_up


@pytest.fixture(autouse=True)
def one_session_per_step(monkeypatch):
    """The 3-session sample takes three steps, as a 230,000-row file takes several."""
    monkeypatch.setattr(services, "BATCH_SESSIONS", 1)
    monkeypatch.setattr(services, "STEP_SECONDS", 0.0)


def upload_sample(page) -> None:
    open_import(page)
    page.get_by_label("Export file").set_input_files(SAMPLES / "strong_comma_lb.csv")
    page.get_by_label("Pounds (lb)").check()
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 3 sessions").click()


def test_the_progress_page_drives_the_import_to_its_end(page, site):
    sign_up(page, site, "steps@example.com")
    upload_sample(page)
    expect(page.get_by_text("Imported 3 sessions and 22 sets.")).to_be_visible()


def test_without_javascript_the_runner_continues_with_the_button(browser, site, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    sign_up(page, site, "no.script@example.com")
    upload_sample(page)
    progress = page.get_by_test_id("import-progress")
    expect(progress.get_by_role("heading")).to_have_text("Importing: 33% done")
    screenshot(page, "import-progress")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "import-progress")
    page.get_by_role("button", name="Continue the import").click()
    expect(progress.get_by_role("heading")).to_have_text("Importing: 66% done")
    page.get_by_role("button", name="Continue the import").click()
    expect(page.get_by_text("Imported 3 sessions and 22 sets.")).to_be_visible()
    context.close()
