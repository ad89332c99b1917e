import re

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.factories import DEFAULT_PASSWORD, UserFactory

NEW_PASSWORD = "a-brand-new-pass-phrase-7"


def _sign_in(page, site, email, password):
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_runner_forgets_their_password_resets_it_by_mail_and_signs_in(page, site, screenshot):
    runner = UserFactory(email="forgetful@example.com")
    page.goto(f"{site}/accounts/login/")
    screenshot(page, "login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(runner.email)
    screenshot(page, "password-reset")
    page.get_by_role("button", name="Reset My Password").click()
    expect(page.get_by_text("We have sent you an email")).to_be_visible()
    screenshot(page, "password-reset-done")

    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body)[0]
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password (again)").fill(NEW_PASSWORD)
    screenshot(page, "password-reset-from-key")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    screenshot(page, "password-reset-from-key-done")

    page.get_by_role("link", name="Sign in", exact=True).last.click()
    page.get_by_label("Email").fill(runner.email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Settings")).to_be_visible()


def test_a_runner_changes_their_password_from_settings_and_signs_out(page, site, screenshot):
    runner = UserFactory(email="careful@example.com")
    _sign_in(page, site, runner.email, DEFAULT_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Change password").click()
    page.get_by_label("Current password").fill(DEFAULT_PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password (again)").fill(NEW_PASSWORD)
    screenshot(page, "password-change")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Password successfully changed.")).to_be_visible()

    page.get_by_role("link", name="Settings", exact=True).first.click()
    page.get_by_role("link", name="Email addresses").click()
    expect(page.get_by_text("careful@example.com")).to_be_visible()
    screenshot(page, "email")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "email")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    _sign_in(page, site, runner.email, NEW_PASSWORD)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_wrong_password_is_refused_in_the_page(page, site, screenshot):
    runner = UserFactory(email="typo@example.com")
    _sign_in(page, site, runner.email, "not-my-password")
    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()
    screenshot(page, "login-refused")
