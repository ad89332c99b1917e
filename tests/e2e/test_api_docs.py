from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP


def test_the_api_docs_render_offline_under_a_strict_csp(page, site, screenshot):
    own_host = urlsplit(site).netloc
    outside, violations = [], []

    def only_this_server(route):
        if urlsplit(route.request.url).netloc == own_host or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.set_viewport_size(DESKTOP)

    response = page.goto(f"{site}/api/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Legwork API")).to_be_visible()
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    expect(page.get_by_text("/api/v1/me/", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    screenshot(page, "api-docs")
    assert outside == []
    assert violations == []
