"""A runner's whole session on a 360 px phone, one move at a time: start from home in one tap,
warm up, log every set (a per-side move, a hold, a loaded move with a changed load), reload
mid-session, finish onto the week, find it in history with the right totals, then see the
progressed loads suggested next time."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from apps.training.models import SetEntry, TrainingSession
from tests.factories import DEFAULT_PASSWORD, UserFactory


def sign_in(page, site, email):
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def move(page, slug):
    return page.locator(f"#move-{slug}")


def open_move(page, slug):
    """Opens a move from its one line in the player, and returns it."""
    move(page, slug).locator(".move__line a").click()
    expect(move(page, slug).locator("form.set-row, .move__actions").first).to_be_visible()
    return move(page, slug)


def next_move(page, name):
    page.get_by_role("link", name=f"Next: {name}").click()


def fits_one_screen(page, section):
    """The open move, from its name to its "Next", fits the phone's screen once scrolled to
    it, and every control in it is a target of at least 44 x 44 px."""
    height = page.viewport_size["height"]
    title = section.locator("h2").bounding_box()
    next_link = section.locator(".move__next a").bounding_box()
    assert title["y"] >= 0
    assert next_link["y"] + next_link["height"] <= height
    for control in section.locator("button:visible, input:visible, select:visible").all():
        box = control.bounding_box()
        assert box["height"] >= 44, control.evaluate("node => node.outerHTML")
        assert box["width"] >= 44, control.evaluate("node => node.outerHTML")


def tick_all(section, count=3):
    """Ticks the first `count` set rows of a move, each saved in place by fetch()."""
    for number in range(1, count + 1):
        row = section.locator("form.set-row").nth(number - 1)
        row.get_by_role("button", name="Done").click()
        expect(row.locator("[data-set-status]")).to_have_text("✓ Done")


def test_a_runner_logs_a_whole_session_and_sees_it_progress(page, site, screenshot):
    runner = UserFactory(email="session.runner@example.com")
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, site, runner.email)

    # One tap from home into the player.
    page.get_by_role("button", name="Start today's session").click()
    expect(page.get_by_role("heading", name="Today's session")).to_be_visible()

    # Warm-up: three rounds of balloon breathing are the warm-up done; breaths start no rest.
    warm_up = page.locator("#warm-up")
    expect(warm_up.get_by_label("Breaths")).to_have_count(3)
    tick_all(warm_up)
    expect(page.locator("[data-rest-timer]")).to_be_hidden()
    next_move(page, "Squat")
    # The warm-up folds to one line and the player goes on to the squat.
    expect(page.locator("#warm-up")).to_contain_text("✓ Done")
    expect(page.locator("#warm-up form")).to_have_count(0)

    # A loaded move with a changed load: 10 kg instead of the suggested 6 kg, typed in each row
    # (a value typed into one set never changes another).
    squat = move(page, "squat")
    expect(squat.get_by_text("First time: start light with 6 kg")).to_be_visible()
    fits_one_screen(page, squat)
    # A typo is refused beside the field, in place; nothing is saved.
    squat.get_by_label("Load (kg)").first.fill("9999")
    squat.locator("form.set-row").first.get_by_role("button", name="Done").click()
    expect(squat.locator(".set-field--invalid")).to_contain_text("At most 500 kg")
    expect(squat.locator("form.set-row").first.locator("[data-set-status]")).to_have_text(
        "Not saved: see below"
    )
    squat.get_by_label("Load (kg)").first.fill("10")
    squat.get_by_label("Load (kg)").first.dispatch_event("change")
    expect(squat.get_by_label("Load (kg)").nth(2)).to_have_value("6")
    for number in (1, 2):
        squat.get_by_label("Load (kg)").nth(number).fill("10")
    tick_all(squat)
    expect(page.locator("[data-rest-timer]")).to_be_visible()
    expect(page.locator("[data-rest-left]")).to_have_text(re.compile(r"\d:\d\d left"))
    # The rest takes its own space: it covers neither the set rows nor "Next".
    timer = page.locator("[data-rest-timer]").bounding_box()
    for covered in (squat.locator("form.set-row").last, squat.locator(".move__next")):
        box = covered.bounding_box()
        assert box["y"] + box["height"] <= timer["y"] or box["y"] >= timer["y"] + timer["height"]
    page.get_by_role("button", name="+30 s").click()
    expect(page.locator("[data-rest-left]")).to_have_text(re.compile(r"[12]:\d\d left"))

    # Back to the player mid-session (from its plain address, as after a closed tab): the squat
    # is done, so the player opens the deadlift; every ticked set and the running rest timer
    # are still there.
    page.goto(page.url.split("?")[0])
    expect(move(page, "squat")).to_contain_text("✓ 3 of 3 sets done")
    expect(move(page, "deadlift").locator("form.set-row")).to_have_count(3)
    expect(page.locator("[data-rest-left]")).to_have_text(re.compile(r"\d:\d\d left"))
    squat = open_move(page, "squat")
    expect(squat.locator(".set-row--done")).to_have_count(3)
    expect(squat.get_by_label("Load (kg)").first).to_have_value("10")
    expect(squat.locator("[data-sets-done]")).to_have_text("3")
    # A reload keeps the open move.
    page.reload()
    expect(move(page, "squat").locator(".set-row--done")).to_have_count(3)
    next_move(page, "Deadlift (the hip hinge)")

    # The connection drops: the tick is kept on the phone, and sent once the connection is back,
    # with no second tap (tests/e2e/test_offline_player.py goes further).
    deadlift = move(page, "deadlift")
    first = deadlift.locator("form.set-row").first
    page.context.set_offline(True)
    first.get_by_role("button", name="Done").click()
    expect(first.locator("[data-set-status]")).to_have_text("✓ Done · on this phone")
    page.context.set_offline(False)
    expect(first.locator("[data-set-status]")).to_have_text("✓ Done")
    for row in deadlift.locator("form.set-row").all()[1:]:
        row.get_by_role("button", name="Done").click()
        expect(row.locator("[data-set-status]")).to_have_text("✓ Done")
    next_move(page, "Plank (push-up position)")
    plank = move(page, "plank")
    expect(plank.get_by_label("Seconds").first).to_have_value("30")
    fits_one_screen(page, plank)
    # A hold's own countdown, from the seconds typed in the first row not done.
    expect(plank.locator("[data-hold-left]")).to_have_text("30 s")
    plank.get_by_role("button", name="Start hold").click()
    expect(plank.locator("[data-hold-left]")).to_have_text(re.compile(r"0:[23]\d"))
    plank.get_by_role("button", name="Stop").click()
    # Sweaty double taps: each saves one set, never two (checked in the database below).
    for row in plank.locator("form.set-row").all():
        row.get_by_role("button", name="Done").dblclick()
        expect(row.locator("[data-set-status]")).to_have_text("✓ Done")
    next_move(page, "Lateral lunge")
    lunge = move(page, "lateral-lunge")
    fits_one_screen(page, lunge)
    expect(lunge.get_by_label("Left (reps)")).to_have_count(3)
    expect(lunge.get_by_label("Right (reps)")).to_have_count(3)
    tick_all(lunge)
    next_move(page, "Deadbug")
    expect(page.locator("[data-strength-sets-done]")).to_have_text("12")
    tick_all(move(page, "deadbug"))
    page.evaluate("window.scrollTo(0, 0)")
    # Counted in place as each tick saves.
    expect(page.locator("[data-strength-sets-done]")).to_have_text("15")
    screenshot(page, "training-player")

    page.get_by_role("link", name="Finish session").click()
    expect(page.get_by_text("Squat: 3 of 3 sets")).to_be_visible()
    page.get_by_label("Overall effort (RPE 1-10)").select_option("7")
    page.get_by_label("Notes").fill("Felt good.")
    page.get_by_role("button", name="Finish and save").click()
    # Finishing lands on the week, which says what is next; home offers history, not a start.
    expect(page.get_by_text("Session finished and saved.")).to_be_visible()
    expect(page.get_by_test_id("week-summary")).to_contain_text("1 of 2 sessions done")
    expect(page.get_by_test_id("next-day")).to_contain_text("Next:")
    expect(page.get_by_role("heading", name="Done for today")).to_be_visible()
    expect(page.get_by_role("button", name="Start today's session")).to_have_count(0)
    screenshot(page, "training-finished-week")

    session = TrainingSession.objects.get(user=runner)
    assert not session.is_draft
    assert session.warmup_done
    assert SetEntry.objects.filter(session=session).count() == 3 + 15 + 6
    assert SetEntry.objects.filter(session=session, done=True).count() == 3 + 15 + 6

    # History: 5 moves, 15 of 15 sets, 390 kg moved (squat 3x5x10, deadlift 3x5x8,
    # lateral lunge 3x2x5x4), effort 7.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    row = page.locator(".history-row").first
    expect(row.locator("dd").nth(0)).to_have_text("5")
    expect(row.locator("dd").nth(1)).to_have_text("15 of 15")
    expect(row.locator("dd").nth(2)).to_have_text("390 kg")
    expect(row.locator("dd").nth(3)).to_have_text("7")
    screenshot(page, "training-history")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Squat")).to_be_visible()
    expect(page.get_by_role("cell", name="10 kg")).to_have_count(3)
    screenshot(page, "training-session")

    # The next session suggests the progressed loads and targets; training again today is one
    # tap further from home.
    page.get_by_role("link", name="Legwork").click()
    page.get_by_role("link", name="Train again today").click()
    page.get_by_role("button", name="Start today's session").click()
    squat = open_move(page, "squat")
    # The next dumbbell up on a gym rack (the runner's default equipment).
    expect(squat.get_by_text("up to 12 kg, the next weight you have")).to_be_visible()
    expect(squat.get_by_label("Load (kg)").first).to_have_value("12")
    expect(open_move(page, "deadlift").get_by_label("Load (kg)").first).to_have_value("9")
    expect(open_move(page, "lateral-lunge").get_by_label("Load (kg)").first).to_have_value("5")
    expect(open_move(page, "plank").get_by_label("Seconds").first).to_have_value("35")
    expect(open_move(page, "deadbug").get_by_label("Left (reps)").first).to_have_value("6")


def test_a_runner_in_pounds_logs_yesterday_then_is_warned_switches_skips_and_abandons(
    page, site, screenshot
):
    runner = UserFactory(email="pounds.runner@example.com", unit="lb")
    sign_in(page, site, runner.email)

    # Log yesterday's session, trained without the phone: squat 45 lb, three sets.
    page.goto(f"{site}/train/")
    page.get_by_role("link", name="Log a past session").click()
    yesterday = (timezone.localtime(timezone=runner.zone) - dt.timedelta(days=1)).replace(hour=7)
    page.get_by_label("Date and time").fill(yesterday.strftime("%Y-%m-%dT%H:%M"))
    squat = page.locator("#past-move-squat")
    for number in range(3):
        squat.get_by_label("Load (lb)").nth(number).fill("45")
        squat.get_by_label("Done").nth(number).check()
    page.get_by_role("button", name="Save past session").click()
    expect(page.get_by_text("Past session saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="45 lb")).to_have_count(3)

    # Correct one set from the session's page.
    page.get_by_role("link", name="Edit set 3 of Squat").click()
    page.get_by_label("Reps").fill("4")
    page.get_by_role("button", name="Save set").click()
    expect(page.get_by_text("Set updated.")).to_be_visible()

    # Today: the back-to-back warning, which does not block.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Train").click()
    expect(page.get_by_text("You trained yesterday")).to_be_visible()
    page.get_by_role("button", name="Start today's session").click()

    # Set 3 fell short, so the squat stays at 45 lb.
    squat = open_move(page, "squat")
    expect(squat.get_by_label("Load (lb)").first).to_have_value("45")
    expect(squat.get_by_text("Set 3 fell short last time")).to_be_visible()

    # Switch the deadlift slot to the kettlebell swing: a light bell, 15 lb; remembered.
    open_move(page, "deadlift")
    page.get_by_label("Today's choice").first.select_option(label="Kettlebell swing")
    page.locator("#move-deadlift").get_by_role("button", name="Switch").click()
    swing = move(page, "kettlebell-swing")
    expect(swing.get_by_label("Load (lb)").first).to_have_value("15")
    page.reload()
    expect(move(page, "kettlebell-swing")).to_be_visible()

    # Skip the plank; take the skip back.
    open_move(page, "plank").get_by_role("button", name="Skip move").click()
    expect(move(page, "plank").get_by_text("skipped")).to_be_visible()
    move(page, "plank").get_by_role("button", name="Do it after all").click()
    expect(move(page, "plank").get_by_label("Seconds")).to_have_count(3)

    # Abandon after confirming: the draft is gone, yesterday's session stays.
    page.get_by_role("link", name="Abandon").click()
    screenshot(page, "training-abandon")
    page.get_by_role("button", name="Abandon and delete").click()
    expect(page.get_by_text("Session abandoned")).to_be_visible()
    assert TrainingSession.objects.filter(user=runner).count() == 1
    assert not TrainingSession.objects.filter(user=runner, finished_at=None).exists()

    # Delete yesterday's session from history, after confirming.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.locator(".history-row").first.get_by_role("link").click()
    page.get_by_role("link", name="Delete session").click()
    page.get_by_role("button", name="Delete session").click()
    expect(page.get_by_text("No sessions yet.")).to_be_visible()


def test_the_player_works_with_javascript_off(browser, site, screenshot):
    """Plain forms all the way: start from home, tick, add rest and skip it, finish."""
    runner = UserFactory(email="no.script.runner@example.com")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    sign_in(page, site, runner.email)
    page.get_by_role("button", name="Start today's session").click()
    next_move(page, "Squat")

    squat = move(page, "squat")
    squat.get_by_label("Load (kg)").nth(1).fill("8")
    squat.locator("form.set-row").nth(1).get_by_role("button", name="Done").click()
    squat = move(page, "squat")
    expect(squat.locator(".set-row--done")).to_have_count(1)
    expect(squat.get_by_label("Load (kg)").nth(1)).to_have_value("8")
    # The other rows keep the suggestion: nothing typed in one set changes another.
    expect(squat.get_by_label("Load (kg)").nth(2)).to_have_value("6")
    expect(page.locator("[data-rest-left]")).to_have_text(re.compile(r"until \d\d:\d\d:\d\d"))
    page.get_by_role("button", name="+30 s").click()
    expect(page.locator("[data-rest-left]")).to_be_visible()
    page.get_by_role("button", name="Skip the rest").click()
    expect(page.locator("[data-rest-timer]")).to_be_hidden()
    screenshot(page, "training-player-no-script")

    page.get_by_role("link", name="Finish session").click()
    page.get_by_role("button", name="Finish and save").click()
    expect(page.get_by_test_id("week-summary")).to_contain_text("1 of 2 sessions done")
    session = TrainingSession.objects.get(user=runner)
    assert not session.is_draft
    assert SetEntry.objects.get(session=session).load_kg == 8
    context.close()
