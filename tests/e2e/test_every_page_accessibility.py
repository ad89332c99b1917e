"""Every page, light and dark, at 360 and 1280 px: axe-core (vendored in tests/e2e/vendor,
MPL-2.0, used only by the tests) finds no violation of any impact, the API docs included; and
three things axe does not check hold too: no card touches the next one, every form field's
border stands out at 3:1 or more from what is behind it (WCAG 2.2 SC 1.4.11), and no value
with its unit in a table wraps onto a second line."""

from pathlib import Path

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from playwright.sync_api import expect

from apps.api import services as token_services
from apps.exercises.models import Exercise
from apps.portability import services as import_services
from apps.reminders.services import reminders_update, unsubscribe_token
from apps.training import services
from apps.training.demo import seed_history
from apps.training.models import SetEntry, TrainingSession
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.production.routes import site_routes

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SAMPLE_IMPORT = Path(__file__).parents[1] / "portability" / "samples" / "strong_semicolon_kg.csv"

# Routes that are not pages a browser shows, and why.
NOT_PAGES = {
    "portability:export_csv": "a download",
    "portability:export_json": "a download",
    "portability:import_confirm": "a POST action",
    "portability:import_cancel": "a POST action",
    "portability:import_choose": "a POST action",
    "portability:import_timezone": "a POST action",
    "reminders:feed_reset": "a POST action",
    "reminders:feed": "an iCalendar feed",
    "api:token_revoke": "a POST action",
    "training:start": "a POST action",
    "training:set_save": "a POST action",
    "training:set_add": "a POST action",
    "training:move_skip": "a POST action",
    "training:slot_choose": "a POST action",
    "training:warmup": "a POST action",
    "training:rest": "a POST action",
    "account_set_password": "redirects a runner who has a password to the change page",
    "account_confirm_login_code": "sign-in by code is off",
    "healthz": "JSON for a load balancer",
    "service_worker": "JavaScript",
    "manifest": "JSON",
    "api-schema": "the OpenAPI document",
}

ANONYMOUS_PAGES = {
    "home": "/",
    "exercises:routine": "/routine/",
    "exercises:detail": "/routine/deadlift/",
    "account_login": "/accounts/login/",
    "account_signup": "/accounts/signup/",
    "account_reset_password": "/accounts/password/reset/",
    "account_reset_password_done": "/accounts/password/reset/done/",
    "account_reset_password_from_key_done": "/accounts/password/reset/key/done/",
    "account_inactive": "/accounts/inactive/",
    "account_email_verification_sent": "/accounts/confirm-email/",
    "offline": "/offline/",
    "api-docs": "/api/docs/",
    "not found": "/no-such-page/",
}

CHECKS = """() => {
  const channels = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map((c) => {
      c /= 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const behind = (element) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = channels(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const visible = (element) => element.getClientRects().length > 0;
  const problems = [];
  for (const card of document.querySelectorAll(".card")) {
    const next = card.nextElementSibling;
    if (!next || !next.classList.contains("card") || !visible(card) || !visible(next)) continue;
    const above = card.getBoundingClientRect();
    const below = next.getBoundingClientRect();
    if (below.top >= above.top + above.height / 2 && below.top - above.bottom < 8) {
      const gap = below.top - above.bottom;
      problems.push(`cards ${gap}px apart: ${card.className} / ${next.className}`);
    }
  }
  const fields = "input:not([type=hidden]):not([type=checkbox]):not([type=radio])" +
    ":not([type=submit]):not([type=button]), select, textarea";
  for (const field of document.querySelectorAll(fields)) {
    if (!visible(field) || field.closest(".swagger-ui")) continue;
    const border = channels(getComputedStyle(field).borderTopColor);
    if (border.length === 4 && border[3] === 0) continue;  // a borderless field, on purpose
    const ratio = contrast(border.slice(0, 3), behind(field));
    if (ratio < 3) problems.push(`border of ${field.name || field.id}: ${ratio.toFixed(2)}:1`);
  }
  // A value with its unit ("22.05 lb") on one line, never broken between number and unit.
  for (const value of document.querySelectorAll("td.number, .value")) {
    if (!visible(value) || value.querySelector("br")) continue;
    const range = document.createRange();
    range.selectNodeContents(value);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
    if (lines.size > 1) problems.push(`"${value.textContent.trim()}" wraps`);
  }
  return problems;
}"""


def problems_on(page) -> list[str]:
    # The site's CSP allows no injected script: axe runs through the DevTools protocol instead.
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [
        f"axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]
    return found + page.evaluate(CHECKS)


def walk(page, site: str, pages: dict[str, str]) -> dict[str, list[str]]:
    found = {}
    for url in pages.values():
        page.goto(f"{site}{url}")
        if url == "/api/docs/":
            # Swagger UI draws the page after load; a GET and a POST opened show their
            # parameters, request body and example answers.
            page.locator(".opblock-get .opblock-summary-control").first.click()
            page.locator(".opblock-post .opblock-summary-control").first.click()
            expect(page.locator(".opblock-body")).to_have_count(2)
            expect(page.locator(".opblock-body .microlight").first).to_be_visible()
        if problems := problems_on(page):
            found[url] = problems
    return found


def sign_in(page, site: str, email: str) -> None:
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("link", name="Settings")).to_be_visible()


def runner_pages(runner) -> dict[str, str]:
    """The signed-in pages, for a runner with a history, an open session, a pending import and
    an API token."""
    seed_history(user=runner, weeks=30, seed=3, open_draft=True)
    draft = TrainingSession.objects.of(runner).drafts().get()
    entry = SetEntry.objects.filter(session__user=runner, session__finished_at__isnull=False)
    entry = entry.order_by("-session__started_at").first()
    session = entry.session
    pending = import_services.import_preview(
        user=runner, content=SAMPLE_IMPORT.read_bytes(), filename="strong.csv", unit="kg"
    )
    token_services.token_create(user=runner, name="Watch")
    address = EmailAddress.objects.create(user=runner, email=runner.email, primary=True)
    reminders_update(user=runner, feed_enabled=True, nudge_enabled=True)
    pages = {
        "home": "/",
        "training:train": "/train/",
        "training:log_past": "/train/past/",
        "training:player": f"/train/{draft.pk}/",
        "training:finish": f"/train/{draft.pk}/finish/",
        "training:abandon": f"/train/{draft.pk}/abandon/",
        "training:history": "/history/",
        "training:session_detail": f"/history/{session.pk}/",
        "training:session_edit": f"/history/{session.pk}/edit/",
        "training:session_delete": f"/history/{session.pk}/delete/",
        "training:set_edit": f"/history/{session.pk}/sets/{entry.pk}/edit/",
        "progress:overview": "/progress/",
        "progress:overview all time": "/progress/?span=all",
        "settings": "/settings/",
        "portability:export": "/settings/export/",
        "portability:import": "/settings/import/",
        "portability:import_preview": f"/settings/import/{pending.pk}/",
        "portability:delete_account": "/settings/delete-account/",
        "api:tokens": "/settings/tokens/",
        "reminders:settings": "/settings/reminders/",
        "reminders:unsubscribe": reverse("reminders:unsubscribe", args=[unsubscribe_token(runner)]),
        "account_email": "/accounts/email/",
        "account_change_password": "/accounts/password/change/",
        "account_reauthenticate": "/accounts/reauthenticate/",
        "account_confirm_email": reverse(
            "account_confirm_email", args=[EmailConfirmationHMAC(address).key]
        ),
        "account_logout": "/accounts/logout/",
    }
    assert {name for name in pages if name in SIGNED_IN_ROUTES} == set(SIGNED_IN_ROUTES)
    return pages


# The signed-in pages runner_pages() visits, by route name (its keys).
SIGNED_IN_ROUTES = (
    "home",
    "training:train",
    "training:log_past",
    "training:player",
    "training:finish",
    "training:abandon",
    "training:history",
    "training:session_detail",
    "training:session_edit",
    "training:session_delete",
    "training:set_edit",
    "progress:overview",
    "settings",
    "portability:export",
    "portability:import",
    "portability:import_preview",
    "portability:delete_account",
    "api:tokens",
    "reminders:settings",
    "reminders:unsubscribe",
    "account_email",
    "account_change_password",
    "account_reauthenticate",
    "account_confirm_email",
    "account_logout",
)


def reset_key_page(runner) -> dict[str, str]:
    kwargs = {
        "uidb36": user_pk_to_url_str(runner),
        "key": default_token_generator.make_token(runner),
    }
    return {
        "account_reset_password_from_key": reverse("account_reset_password_from_key", kwargs=kwargs)
    }


def new_runner_pages(runner) -> dict[str, str]:
    """A runner one session in: the short progress page and home."""
    session, _ = services.session_start(user=runner)
    squat = Exercise.objects.get(slug="squat")
    services.set_log(session=session, exercise=squat, set_number=1, reps=5, load_kg=20)
    services.session_finish(session=session)
    return {"home after one session": "/", "progress after one session": "/progress/"}


def test_every_page_is_walked_or_said_not_to_be_a_page(db):
    walked = {*ANONYMOUS_PAGES, *NOT_PAGES, *SIGNED_IN_ROUTES, "account_reset_password_from_key"}
    routes = {
        route.name
        for route in site_routes()
        if not route.is_admin and (not route.is_api or route.name == "api-docs")
    }
    assert routes - walked == set()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_has_an_accessibility_violation(browser, site, scheme, viewport):
    runner = UserFactory()
    newcomer = UserFactory()
    signed_in = runner_pages(runner)
    first_session = new_runner_pages(newcomer)
    reset = reset_key_page(UserFactory())
    found = {}

    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    found |= walk(page, site, ANONYMOUS_PAGES)
    found |= walk(page, site, reset)
    sign_in(page, site, runner.email)
    found |= walk(page, site, signed_in)
    context.close()

    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    sign_in(page, site, newcomer.email)
    found |= walk(page, site, first_session)
    context.close()

    assert found == {}, "\n".join(f"{url}: {problem}" for url, p in found.items() for problem in p)
