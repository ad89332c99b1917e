import json
import urllib.error
import urllib.request

from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, UserFactory


def api_status(site: str, token: str) -> int:
    request = urllib.request.Request(
        f"{site}/api/v1/me/", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request) as response:
            assert json.load(response)["email"] == "token.runner@example.com"
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_runner_creates_a_token_sees_it_once_uses_it_and_revokes_it(page, site, screenshot):
    UserFactory(email="token.runner@example.com")
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill("token.runner@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{site}/settings/")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("watch app")
    page.get_by_role("button", name="Create token").click()

    secret = page.get_by_role("textbox", name="Token", exact=True).input_value()
    assert secret.startswith("lw_")
    expect(page.get_by_text("you will not see it again")).to_be_visible()
    screenshot(page, "api-token-created")
    assert api_status(site, secret) == 200

    # A reload sends the form again: the token is not created twice, nor shown again.
    page.reload()
    expect(page.get_by_text("That token was created already")).to_be_visible()
    expect(page.get_by_role("textbox", name="Token", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Revoke watch app")).to_have_count(1)
    expect(page.get_by_text("watch app", exact=True)).to_be_visible()
    page.get_by_role("button", name="Revoke watch app").click()
    expect(page.get_by_text("Token “watch app” revoked.")).to_be_visible()
    screenshot(page, "api-tokens")
    assert api_status(site, secret) == 401
