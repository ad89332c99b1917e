from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP


def test_a_new_runner_signs_up_reads_the_routine_and_switches_to_pounds(page, site, screenshot):
    page.goto(f"{site}/")
    page.get_by_role("link", name="Sign up", exact=True).first.click()
    page.get_by_label("Email").fill("new.runner@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-pass-phrase-9")
    page.get_by_label("Password (again)").fill("a-long-pass-phrase-9")
    page.get_by_role("button", name="Sign up").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress")
    ).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Routine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strength for runners")
    screenshot(page, "routine")
    page.get_by_role("link", name="Deadlift (the hip hinge)").click()
    expect(page.get_by_role("heading", name="Why it helps a runner")).to_be_visible()
    expect(page.get_by_role("link", name="Kettlebell swing")).to_be_visible()
    screenshot(page, "exercise")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_label("Pounds (lb)").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(page.get_by_label("Pounds (lb)")).to_be_checked()
    screenshot(page, "settings")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "settings")
