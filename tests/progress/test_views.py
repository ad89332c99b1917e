import datetime as dt

import pytest
from django.urls import reverse

from apps.exercises.models import Exercise
from apps.progress import selectors, wording
from apps.training.demo import seed_history
from tests.factories import SetEntryFactory, TrainingSessionFactory


def history(user, weeks):
    """A lived-in history (apps/training/demo.py): drafts, warm-up-only sessions, per-side sets,
    holds, back-to-back slips and breaks included."""
    return seed_history(user=user, weeks=weeks, seed=4)


def test_the_home_page_shows_this_week_at_a_glance(routine, runner, runner_client):
    today = selectors.local_today(runner)
    session = TrainingSessionFactory(
        user=runner, started_at=dt.datetime.combine(today, dt.time(7), tzinfo=runner.zone)
    )
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))
    body = runner_client.get(reverse("home")).content.decode()
    summary = selectors.home_summary(runner)
    assert summary.status.done == 1
    assert wording.week_summary(summary.status) in body
    assert wording.next_day_headline(summary.next_day) in body


def test_the_home_page_recommends_two_sets_in_the_final_weeks_before_a_race(
    routine, runner, runner_client
):
    runner.race_date = selectors.local_today(runner) + dt.timedelta(days=10)
    runner.save(update_fields=["race_date"])
    body = runner_client.get(reverse("home")).content.decode()
    assert "Race taper: 2 sets instead of 3" in body
    assert "at the same loads" in body


def test_without_a_race_the_home_page_has_no_taper(routine, runner, runner_client):
    assert "Race taper" not in runner_client.get(reverse("home")).content.decode()


def test_the_anonymous_home_page_is_the_landing_page(routine, client):
    assert "Sign up, it's free" in client.get(reverse("home")).content.decode()


def test_the_progress_page_requires_sign_in(client):
    response = client.get(reverse("progress:overview"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_new_runner_sees_an_empty_progress_page(routine, runner_client):
    response = runner_client.get(reverse("progress:overview"))
    assert response.status_code == 200
    assert "appear here once you finish a session" in response.content.decode()


def test_the_progress_page_shows_streaks_weeks_calendar_moves_and_totals(
    routine, runner, runner_client
):
    history(runner, weeks=20)
    body = runner_client.get(reverse("progress:overview")).content.decode()
    progress = selectors.progress_overview(runner)
    assert f'data-testid="current-streak">{progress.streaks.current}<' in body
    assert f'data-testid="longest-streak">{progress.streaks.longest}<' in body
    assert 'data-testid="heatmap-narrow"' in body
    assert 'data-testid="heatmap-wide"' in body
    assert 'data-testid="move-squat"' in body
    assert 'data-testid="move-plank"' in body
    assert body.count('class="week-tile ') == 12
    all_time = progress.totals[-1]
    assert f'<td class="number">{all_time.sessions}</td>' in body


def test_the_progress_page_shows_another_runners_data_to_nobody(routine, runner, stranger, client):
    history(stranger, weeks=4)
    client.force_login(runner)
    body = client.get(reverse("progress:overview")).content.decode()
    assert "appear here once you finish a session" in body


def test_the_progress_page_can_show_every_move_over_all_time(routine, runner, runner_client):
    history(runner, weeks=70)
    year = runner_client.get(reverse("progress:overview")).content.decode()
    all_time = runner_client.get(reverse("progress:overview") + "?span=all").content.decode()
    progress = selectors.progress_overview(runner, series_since=None)
    first_point = progress.moves[0].best_sets[0].day
    first_row = f"<td>{first_point:%a} {first_point.day} {first_point:%b %Y}</td>"
    assert first_row not in year
    assert first_row in all_time
    assert "Show the last 12 months" in all_time


@pytest.mark.parametrize("weeks", [1, 260])
def test_the_progress_page_runs_a_fixed_number_of_queries(
    routine, runner, runner_client, django_assert_num_queries, weeks
):
    history(runner, weeks=weeks)
    # Session, user, the history version (apps/training/caching.py: this first visit computes);
    # counted sessions with their set counts, the moves done with each one's best ever, the last
    # year's sets grouped by session, move and load; for the progression rule the moves' slots
    # and the sets of each move's last counted session (one query).
    with django_assert_num_queries(8):
        response = runner_client.get(reverse("progress:overview"))
    assert response.status_code == 200


@pytest.mark.parametrize("weeks", [1, 260])
def test_the_home_page_runs_a_fixed_number_of_queries(
    routine, runner, runner_client, django_assert_num_queries, weeks
):
    history(runner, weeks=weeks)
    # Session, user, the history version (this first visit computes), counted session starts,
    # the open session if any (home's button resumes it).
    with django_assert_num_queries(5):
        response = runner_client.get(reverse("home"))
    assert response.status_code == 200


def test_the_progress_page_has_no_inline_styles_or_scripts(routine, runner, runner_client):
    history(runner, weeks=8)
    body = runner_client.get(reverse("progress:overview")).content.decode()
    assert "style=" not in body
    assert "<script>" not in body
    assert "{#" not in body
    assert "{%" not in body
    assert " onclick=" not in body


def test_loads_are_shown_in_the_runners_unit(routine, runner, runner_client):
    runner.unit = "lb"
    runner.save(update_fields=["unit"])
    session = TrainingSessionFactory(user=runner)
    SetEntryFactory(
        session=session, exercise=Exercise.objects.get(slug="squat"), load_kg="20.411657"
    )
    body = runner_client.get(reverse("progress:overview")).content.decode()
    assert "45 lb × 5" in body


def test_each_move_shows_the_next_suggested_load_from_the_progression_rule(
    routine, runner, runner_client
):
    session = TrainingSessionFactory(user=runner)
    squat = Exercise.objects.get(slug="squat")
    for number in (1, 2, 3):
        SetEntryFactory(session=session, exercise=squat, set_number=number, reps=5, load_kg=20)
    body = runner_client.get(reverse("progress:overview")).content.decode()
    assert '<td data-testid="next-load"><span class="value">22 kg × 5</span>' in body
    assert "up to 22 kg, the next weight you have" in body


def test_the_next_suggested_load_follows_a_change_of_equipment(routine, runner, runner_client):
    session = TrainingSessionFactory(user=runner)
    squat = Exercise.objects.get(slug="squat")
    for number in (1, 2, 3):
        SetEntryFactory(session=session, exercise=squat, set_number=number, reps=5, load_kg=20)
    runner_client.get(reverse("progress:overview"))
    runner.dumbbells = "custom"
    runner.own_dumbbells_kg = ["20.000000", "25.000000"]
    runner.save(update_fields=["dumbbells", "own_dumbbells_kg"])

    body = runner_client.get(reverse("progress:overview")).content.decode()

    assert '<td data-testid="next-load"><span class="value">25 kg × 5</span>' in body


def counted_session_on(runner, day):
    session = TrainingSessionFactory(
        user=runner, started_at=dt.datetime.combine(day, dt.time(12), tzinfo=runner.zone)
    )
    SetEntryFactory(session=session, exercise=Exercise.objects.get(slug="squat"))


def test_the_progress_page_flags_sessions_eight_days_apart_as_a_long_break(
    routine, runner, runner_client
):
    today = selectors.local_today(runner)
    counted_session_on(runner, today - dt.timedelta(days=16))
    counted_session_on(runner, today - dt.timedelta(days=8))
    body = runner_client.get(reverse("progress:overview")).content.decode()
    assert "Long break</span> 8 days apart (7 rest days)" in body
    assert "8 days since your last session." in body


def test_the_progress_page_does_not_flag_sessions_seven_days_apart(routine, runner, runner_client):
    today = selectors.local_today(runner)
    counted_session_on(runner, today - dt.timedelta(days=14))
    counted_session_on(runner, today - dt.timedelta(days=7))
    body = runner_client.get(reverse("progress:overview")).content.decode()
    assert "Long break</span>" not in body
    assert 'data-testid="ongoing-break"' not in body


def test_the_progress_page_says_what_a_long_break_is(routine, runner, runner_client):
    # Recovery is shown from the second session (one session has no gap to judge).
    counted_session_on(runner, selectors.local_today(runner) - dt.timedelta(days=3))
    counted_session_on(runner, selectors.local_today(runner))
    body = runner_client.get(reverse("progress:overview")).content.decode()
    assert (
        "long breaks (more than 7 days since the last session: dates 8 or more days apart, so 7 "
        "or more rest days between)"
    ) in body
