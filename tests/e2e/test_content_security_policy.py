"""Every page, opened in Chromium under the site's strict Content-Security-Policy (no inline
script or style, no eval), reports no violation: nothing on the page was silently blocked.

The pages are discovered from the URL resolver (every page without an id, plus the runner's own
session pages), so a new page is checked without editing this file."""

import pytest
from playwright.sync_api import Page

from tests.factories import DEFAULT_PASSWORD, SetEntryFactory, TrainingSessionFactory, UserFactory
from tests.production.routes import site_routes

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""
# Pages that are not pages: downloads, health, the schema, and sign-out (it would end the walk).
NOT_PAGES = {"healthz", "api-schema", "account_logout"}


def pages_without_ids() -> list[str]:
    return [
        "/" + route.pattern
        for route in site_routes()
        if not route.parameters
        and not route.is_admin
        and (not route.is_api or route.name == "api-docs")
        and route.name not in NOT_PAGES
        and not route.pattern.endswith((".csv", ".json"))
    ]


@pytest.fixture
def watched(page: Page) -> Page:
    """A page that remembers every CSP violation and every console message about the policy."""
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_reports = []
    page.on(
        "console",
        lambda message: (
            page.console_reports.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations || []") + page.console_reports


def sign_in(page: Page, site: str, email: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{site}/")


def test_no_page_breaks_the_content_security_policy(watched, site):
    from apps.exercises.models import Exercise

    runner = UserFactory()
    squat = Exercise.objects.get(slug="squat", owner__isnull=True)
    finished = TrainingSessionFactory(user=runner, notes="Felt strong.")
    SetEntryFactory(session=finished, exercise=squat, set_number=1, load_kg=20)
    draft = TrainingSessionFactory(user=runner, finished_at=None)
    anonymous = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
    own = [f"/train/{draft.pk}/", f"/history/{finished.pk}/", f"/history/{finished.pk}/edit/"]

    seen = {}
    for path in anonymous:
        watched.goto(f"{site}{path}")
        seen[path] = violations(watched)
    sign_in(watched, site, runner.email)
    for path in [*pages_without_ids(), *own]:
        probe = watched.request.get(f"{site}{path}", max_redirects=0)
        assert probe.status < 500, path
        if probe.status != 200 or "text/html" not in probe.headers.get("content-type", ""):
            continue  # a POST-only URL or a redirect: not a page of its own
        watched.goto(f"{site}{path}")
        watched.wait_for_load_state("networkidle")
        seen[path] = violations(watched)
    watched.goto(f"{site}/api/docs/")
    # The Swagger UI's own script ran, fetched the schema and drew the operations.
    watched.locator(".opblock").first.wait_for()

    assert {"/", "/progress/", "/settings/", "/api/docs/", *own} <= seen.keys()
    assert {path: found for path, found in seen.items() if found} == {}
    assert violations(watched) == []


def test_an_inline_script_would_be_caught(watched, site):
    """The check above can fail: a page that runs inline code is reported."""
    watched.goto(f"{site}/routine/")
    watched.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }"
    )

    assert watched.evaluate("window.inlineRan === undefined")
    assert any("script-src" in found for found in violations(watched))
