"""Progress in a real browser: a runner with months of history (spanning a daylight-saving
change) reads their weeks, streaks, calendar and moves at 360 and 1280 px, and the numbers on
the page are the rules module's; a new runner logs a real session and the home page plans the
next one around rest, their long run and their race."""

import datetime as dt

from playwright.sync_api import expect

from apps.exercises.models import Exercise
from apps.progress import selectors, wording
from tests.e2e.conftest import DESKTOP
from tests.factories import DEFAULT_PASSWORD, SetEntryFactory, TrainingSessionFactory, UserFactory

HISTORY_WEEKS = 40  # any 40 weeks hold a change of clocks in London (March or October)


def sign_in(page, site, email):
    page.goto(f"{site}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("link", name="Progress")).to_be_visible()


def seed_history(user):
    """Two sessions most weeks (Monday morning, Thursday at 23:30 local: already Friday in UTC
    for part of the year), a missed week every seventh, loads up by 2.5 kg a month."""
    squat = Exercise.objects.get(slug="squat")
    plank = Exercise.objects.get(slug="plank")
    today = selectors.local_today(user)
    monday = today - dt.timedelta(days=today.weekday())
    for week in range(HISTORY_WEEKS, 0, -1):
        if week % 7 == 3:
            continue
        for offset, hour, minute in ((0, 7, 0), (3, 23, 30)):
            day = monday - dt.timedelta(weeks=week) + dt.timedelta(days=offset)
            start = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=user.zone)
            session = TrainingSessionFactory(user=user, started_at=start)
            for number in (1, 2, 3):
                SetEntryFactory(
                    session=session,
                    exercise=squat,
                    set_number=number,
                    load_kg=20 + 2.5 * ((HISTORY_WEEKS - week) // 4),
                )
                SetEntryFactory(
                    session=session, exercise=plank, set_number=number, reps=None, seconds=30
                )


def test_a_runner_reads_their_progress_and_it_matches_the_rules(page, site, screenshot):
    runner = UserFactory(email="progress.runner@example.com", timezone="Europe/London")
    seed_history(runner)
    progress = selectors.progress_overview(runner)
    sign_in(page, site, runner.email)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", name="Progress", level=1)).to_be_visible()
    expect(page.get_by_test_id("current-streak")).to_have_text(str(progress.streaks.current))
    expect(page.get_by_test_id("longest-streak")).to_have_text(str(progress.streaks.longest))
    expect(page.get_by_test_id("week-summary")).to_have_text(wording.week_summary(progress.status))
    expect(page.get_by_test_id("recent-weeks").locator("li")).to_have_count(12)
    met = sum(week.meets_minimum for week in progress.recent_weeks)
    expect(page.get_by_test_id("recent-weeks").locator(".week-tile--met")).to_have_count(met)
    four, twelve, all_time = progress.totals
    totals = page.get_by_test_id("totals")
    expect(totals.locator("tbody tr").first.locator("td")).to_have_text(
        [str(four.sessions), str(twelve.sessions), str(all_time.sessions)]
    )
    expect(totals.locator("tbody tr").nth(1).locator("td").last).to_have_text(str(all_time.sets))
    assert all_time.sessions == 2 * (HISTORY_WEEKS - 6)

    # On a phone the calendar comes in three rows of weeks, with a table for screen readers.
    expect(page.get_by_test_id("heatmap-narrow")).to_be_visible()
    expect(page.get_by_test_id("heatmap-wide")).to_be_hidden()
    page.get_by_text("The calendar as a table").click()
    expect(page.locator(".chart--heatmap table tbody tr")).to_have_count(52)

    squat = page.get_by_test_id("move-squat")
    latest = progress.moves[0].latest
    expect(squat.get_by_text(f"{latest.value.normalize():f} kg × 5").first).to_be_visible()
    expect(squat.get_by_test_id("next-load")).to_contain_text("kg × 5")
    expect(squat.locator("svg title")).to_contain_text("Squat: best set per session")
    expect(page.get_by_test_id("move-plank")).to_contain_text("30 s")
    screenshot(page, "progress")

    page.set_viewport_size(DESKTOP)
    expect(page.get_by_test_id("heatmap-wide")).to_be_visible()
    expect(page.get_by_test_id("heatmap-narrow")).to_be_hidden()
    screenshot(page, "progress")

    page.get_by_role("link", name="Show all time").click()
    expect(page.get_by_role("link", name="Show the last 12 months")).to_be_visible()


def test_a_new_runner_logs_a_session_and_home_plans_around_rest_long_run_and_race(
    page, site, screenshot
):
    runner = UserFactory(email="planning.runner@example.com", timezone="Europe/London")
    sign_in(page, site, runner.email)
    expect(page.get_by_test_id("week-summary")).to_contain_text("0 of 2 sessions done")
    expect(page.get_by_test_id("next-day")).to_contain_text("Next: today.")

    # A real session through the player: the squat's three sets, then finish.
    page.get_by_role("button", name="Start today's session").click()
    page.get_by_role("link", name="Squat", exact=True).click()
    squat = page.locator("#move-squat")
    for number in range(3):
        row = squat.locator("form.set-row").nth(number)
        row.get_by_role("button", name="Done").click()
        expect(row.locator("[data-set-status]")).to_have_text("✓ Done")
    page.get_by_role("link", name="Finish session").click()
    page.get_by_role("button", name="Finish and save").click()
    expect(page.get_by_text("Session finished and saved.")).to_be_visible()

    page.goto(f"{site}/")
    summary = selectors.home_summary(runner)
    expect(page.get_by_test_id("week-summary")).to_have_text(wording.week_summary(summary.status))
    assert summary.status.done == 1
    expect(page.get_by_test_id("next-day")).to_contain_text(
        "You trained today: rest 1 day before the next one."
    )
    expect(page.get_by_test_id("taper")).to_have_count(0)

    # A long run three days from now, so its eve is the first rested day, and a race in ten.
    today = selectors.local_today(runner)
    long_run = today + dt.timedelta(days=3)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_label("Long-run day").select_option(str(long_run.weekday()))
    page.get_by_label("Next race").fill(f"{today + dt.timedelta(days=10):%Y-%m-%d}")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    page.goto(f"{site}/")
    # Skipped, or (late in the week) named as the one way left to meet the goal.
    expect(page.get_by_test_id("next-day")).to_contain_text("day before your long run")
    expect(page.get_by_test_id("taper")).to_contain_text("2 sets instead of 3")
    expect(page.get_by_test_id("taper")).to_contain_text("at the same loads")
    screenshot(page, "home-planning")

    # Cleared, the planning falls back to the plain rules.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings").click()
    page.get_by_label("Long-run day").select_option("")
    page.get_by_label("Next race").fill("")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    page.goto(f"{site}/")
    expect(page.get_by_test_id("taper")).to_have_count(0)
    expect(page.get_by_test_id("next-day")).not_to_contain_text("long run")
    screenshot(page, "home")
