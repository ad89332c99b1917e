"""Training with no signal, on a 360 x 740 touch phone: the player keeps every change on the
device (IndexedDB), shows it at once and after a reload, and sends it when the connection
returns, in order and exactly once (static/js/offline.js, player.js, service-worker.js;
apps/training/replays.py). Each test checks the database at the end."""

import pytest
from playwright.sync_api import expect

from apps.exercises.models import Exercise
from apps.training import services
from apps.training.models import AppliedChange, SetEntry, TrainingSession
from tests.factories import DEFAULT_PASSWORD, UserFactory

PHONE = {"width": 360, "height": 740}
MOVES = ["squat", "deadlift", "plank", "lateral-lunge", "deadbug"]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "has_touch": True}


def sign_in(page, site, email):
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def open_player(page, site, runner):
    """Starts today's session and opens its player, ready to lose the connection: the service
    worker controls the page and the other moves' pages are saved on the device."""
    session, _ = services.session_start(user=runner)
    page.goto(f"{site}/train/{session.pk}/")
    wait_until_shown(page)
    wait_for_worker(page)
    page.reload()
    wait_until_shown(page)
    return session


def wait_for_worker(page):
    """The service worker is installed and controls the page (a function, not an expression:
    the site's Content-Security-Policy forbids eval, which Playwright uses for expressions)."""
    page.evaluate(
        """async () => {
            await navigator.serviceWorker.ready;
            if (!navigator.serviceWorker.controller) {
                await new Promise((resolve) => navigator.serviceWorker.addEventListener(
                    "controllerchange", resolve, {once: true}));
            }
        }"""
    )


def wait_until_shown(page):
    """The page has laid the changes kept on the device over what it shows."""
    page.wait_for_selector("html[data-offline-ready=true]", state="attached")


def rows(page, slug):
    return page.locator(f"#move-{slug} [data-set-form]")


def tick(row):
    row.locator("[data-tick]").tap()
    expect(row.locator("[data-set-status]")).to_contain_text("✓ Done")


def tick_all(page, slug):
    for number in range(rows(page, slug).count()):
        tick(rows(page, slug).nth(number))


def go_next(page, slug):
    page.locator("[data-next-move]").tap()
    expect(rows(page, slug).first).to_be_visible()  # the next move's page, then its changes
    wait_until_shown(page)


def banner(page):
    return page.locator("[data-offline-banner]")


def warm_up(page):
    for number in range(page.locator("#warm-up [data-set-form]").count()):
        tick(page.locator("#warm-up [data-set-form]").nth(number))
    page.locator("#warm-up").get_by_role("button", name="Warm-up done").tap()
    # On to the next move's page (online, once the server has the tick).
    expect(page.locator("#warm-up [data-set-form]")).to_have_count(0)
    wait_until_shown(page)


def finish(page, effort="7"):
    page.get_by_role("link", name="Finish session").tap()
    wait_until_shown(page)
    page.get_by_label("Overall effort (RPE 1-10)").select_option(effort)
    page.get_by_role("button", name="Finish and save").tap()


def assert_each_set_once(session, expected):
    """Every (move, set number, side) saved exactly once, with the expected count per move."""
    entries = list(SetEntry.objects.filter(session=session).select_related("exercise"))
    keys = [(e.exercise.slug, e.set_number, e.side) for e in entries]
    assert len(keys) == len(set(keys))
    counts = {slug: sum(1 for key in keys if key[0] == slug) for slug in expected}
    assert counts == expected


def test_a_whole_session_done_offline_is_saved_once_when_the_connection_returns(
    context, page, site, screenshot
):
    runner = UserFactory(email="offline.runner@example.com")
    sign_in(page, site, runner.email)
    session = open_player(page, site, runner)
    page.context.set_offline(True)
    # The page knows it is offline: it sends nothing, rather than count on the network to fail
    # each request (whatever the network let through would reach the server).
    posts = []

    def record_post(request):
        if request.method == "POST":
            posts.append(request.url)

    context.on("request", record_post)

    warm_up(page)
    expect(rows(page, "squat").first).to_be_visible()
    # The squat at 10 kg; set 2 corrected to 4 reps after it was ticked.
    for number in range(3):
        rows(page, "squat").nth(number).get_by_label("Load (kg)").fill("10")
        tick(rows(page, "squat").nth(number))
    rows(page, "squat").nth(1).get_by_label("Reps").fill("4")
    rows(page, "squat").nth(1).locator("[data-tick]").tap()
    expect(banner(page)).to_contain_text("changes are saved on this phone, waiting to be sent")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "offline-banner")

    # A reload with no connection loses nothing.
    page.reload()
    wait_until_shown(page)
    expect(page.locator("#move-squat .set-row--done")).to_have_count(3)
    expect(rows(page, "squat").nth(1).get_by_label("Reps")).to_have_value("4")
    expect(rows(page, "squat").nth(2).get_by_label("Load (kg)")).to_have_value("10")

    go_next(page, "deadlift")
    # The saved copy of this page still showed the squat untouched: it shows it done now.
    expect(page.locator("#move-squat [data-move-progress]")).to_have_text("✓ 3 of 3 sets done")
    tick_all(page, "deadlift")
    go_next(page, "plank")
    page.locator("#move-plank").get_by_role("button", name="Skip move").tap()
    expect(page.locator("#move-plank")).to_contain_text("skipped")
    go_next(page, "lateral-lunge")
    tick_all(page, "lateral-lunge")
    # The tab closed and opened again, still offline: the lunges are done.
    lunge_url = page.url
    page.close()
    page = context.new_page()
    page.goto(lunge_url)
    wait_until_shown(page)
    expect(page.locator("#move-lateral-lunge .set-row--done")).to_have_count(3)
    go_next(page, "deadbug")
    # One set more than prescribed.
    page.locator("#move-deadbug").get_by_role("button", name="Add set").tap()
    expect(rows(page, "deadbug")).to_have_count(4)
    tick_all(page, "deadbug")

    finish(page)
    expect(page.get_by_text("Finished on this phone")).to_be_visible()
    # Nothing was sent, and nothing reached the server, while offline.
    context.remove_listener("request", record_post)
    assert posts == []
    assert SetEntry.objects.filter(session=session).count() == 0
    # 3 breaths + warm-up + 3 squat + 1 correction + 3 deadlift + skip + 3 lunge + add a set +
    # 4 deadbug + finish.
    expect(banner(page)).to_have_attribute("data-pending", "21")
    expect(banner(page)).to_contain_text("21 changes are saved on this phone")

    page.context.set_offline(False)
    expect(page.get_by_text("Session finished and saved.")).to_be_visible(timeout=20000)

    session.refresh_from_db()
    assert not session.is_draft
    assert session.effort == 7
    assert session.warmup_done
    assert list(session.skipped_exercises.values_list("slug", flat=True)) == ["plank"]
    assert_each_set_once(
        session,
        {
            "balloon-breathing": 3,
            "squat": 3,
            "deadlift": 3,
            "plank": 0,
            "lateral-lunge": 6,
            "deadbug": 8,
        },
    )
    assert not SetEntry.objects.filter(session=session, done=False).exists()
    corrected = SetEntry.objects.get(session=session, exercise__slug="squat", set_number=2)
    assert (corrected.reps, corrected.load_kg) == (4, 10)
    assert AppliedChange.objects.filter(user=runner).count() == 21


def test_the_connection_dropping_three_times_mid_session_loses_and_doubles_nothing(
    page, site, screenshot
):
    runner = UserFactory(email="patchy.runner@example.com")
    sign_in(page, site, runner.email)
    session = open_player(page, site, runner)

    for drop, slug in enumerate(["squat", "deadlift", "lateral-lunge"]):
        page.context.set_offline(True)
        if drop == 0:
            warm_up(page)
        else:
            go_next(page, slug)
        tick(rows(page, slug).nth(0))
        tick(rows(page, slug).nth(1))
        expect(banner(page)).to_contain_text("No connection")
        page.context.set_offline(False)
        expect(banner(page)).to_contain_text("All changes are sent", timeout=20000)
        if drop == 0:
            page.evaluate("window.scrollTo(0, 0)")
            screenshot(page, "offline-banner-sent")
        tick(rows(page, slug).nth(2))
        if slug == "deadlift":
            go_next(page, "plank")
            page.locator("#move-plank").get_by_role("button", name="Skip move").tap()
            expect(page.locator("#move-plank")).to_contain_text("skipped")

    go_next(page, "deadbug")
    tick_all(page, "deadbug")
    finish(page)
    expect(page.get_by_text("Session finished and saved.")).to_be_visible(timeout=20000)

    session.refresh_from_db()
    assert not session.is_draft
    assert_each_set_once(
        session,
        {"balloon-breathing": 3, "squat": 3, "deadlift": 3, "lateral-lunge": 6, "deadbug": 6},
    )
    assert not SetEntry.objects.filter(session=session, done=False).exists()


def test_double_taps_and_replays_of_a_lost_answer_add_nothing_twice(browser, site):
    # No service worker here, so the test can lose the server's answers on the way back.
    context = browser.new_context(viewport=PHONE, has_touch=True, service_workers="block")
    page = context.new_page()
    runner = UserFactory(email="sweaty.runner@example.com")
    sign_in(page, site, runner.email)
    session, _ = services.session_start(user=runner)
    squat = Exercise.objects.get(slug="squat")
    page.goto(f"{site}/train/{session.pk}/?move=squat")
    wait_until_shown(page)

    # Double taps: one change each.
    rows(page, "squat").nth(0).locator("[data-tick]").dblclick()
    page.locator("#move-squat").get_by_role("button", name="Add set").dblclick()
    expect(rows(page, "squat")).to_have_count(4)
    expect(banner(page)).to_have_attribute("data-pending", "0")

    # The server applies the next change, but its answer is lost: the queue sends it again.
    keys = []

    def lose_the_first_answer(route):
        keys.append(route.request.headers["idempotency-key"])
        if len(keys) == 1:
            route.fetch()  # the server applies the change…
            route.abort("connectionreset")  # …and its answer never arrives
        else:
            route.continue_()

    page.route("**/add-set/", lose_the_first_answer)
    page.wait_for_timeout(1000)  # a deliberate second tap, not a double tap
    page.locator("#move-squat").get_by_role("button", name="Add set").tap()
    expect(rows(page, "squat")).to_have_count(5)
    for _ in range(50):
        # Send again, as the queue does every 15 s, until nothing waits.
        page.wait_for_timeout(200)
        if keys and page.evaluate("window.LegworkOffline.sync()") == "done":
            break
    expect(banner(page)).to_have_attribute("data-pending", "0")
    context.close()

    numbers = sorted(
        SetEntry.objects.filter(session=session, exercise=squat).values_list(
            "set_number", flat=True
        )
    )
    assert numbers == [1, 4, 5]
    assert len(keys) == 2
    assert keys[0] == keys[1]  # sent again with its key, and applied once
    assert AppliedChange.objects.filter(user=runner, key=keys[0]).count() == 1


def test_a_change_for_a_session_deleted_elsewhere_is_dropped_with_a_message(page, site):
    runner = UserFactory(email="two.phones@example.com")
    sign_in(page, site, runner.email)
    session = open_player(page, site, runner)
    page.context.set_offline(True)
    page.goto(f"{site}/train/{session.pk}/?move=squat")
    wait_until_shown(page)
    tick(rows(page, "squat").nth(0))
    services.session_delete(session=session)
    other, _ = services.session_start(user=runner)

    page.context.set_offline(False)

    expect(banner(page)).to_contain_text(
        "1 change was not sent: that session was deleted or finished on another device",
        timeout=20000,
    )
    assert not SetEntry.objects.filter(session=other).exists()
    assert not TrainingSession.objects.filter(pk=session.pk).exists()


def test_the_app_opened_offline_leads_back_to_the_session_saved_on_the_phone(page, site):
    runner = UserFactory(email="garage.runner@example.com")
    sign_in(page, site, runner.email)
    session = open_player(page, site, runner)
    page.context.set_offline(True)

    page.goto(f"{site}/")

    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    page.get_by_role("link", name="Back to your session").tap()
    expect(page).to_have_url(f"{site}/train/{session.pk}/")
    expect(page.locator("[data-set-form]").first).to_be_visible()


def test_chromium_finds_the_app_installable(browser_type, browser_type_launch_args, site, tmp_path):
    # A profile on disk: Chromium never offers to install from an incognito profile, which is
    # what a plain Playwright context is.
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, viewport=PHONE, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{site}/")
    wait_for_worker(page)
    client = context.new_cdp_session(page)

    errors = client.send("Page.getInstallabilityErrors")["installabilityErrors"]
    found = page.evaluate(
        """async () => {
            const link = document.querySelector('link[rel=manifest]');
            const registration = await navigator.serviceWorker.ready;
            const manifest = await (await fetch(link.href)).json();
            return {manifest, scope: registration.scope, script: registration.active.scriptURL};
        }"""
    )
    context.close()

    assert errors == []
    manifest = found["manifest"]
    assert (manifest["display"], manifest["start_url"]) == ("standalone", "/")
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert found["scope"] == f"{site}/"
    assert found["script"] == f"{site}/sw.js"
