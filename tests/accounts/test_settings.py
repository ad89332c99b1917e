import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import SUNDAY


def _valid(**changes):
    data = {
        "name": "Ada",
        "unit": "kg",
        "timezone": "Europe/London",
        "week_start": "0",
        "weekly_goal": "2",
        "min_rest_days": "1",
        "rest_timer_seconds": "90",
        "long_run_weekday": "",
        "race_date": "",
        "dumbbells": "rack",
        "own_dumbbells_kg": "",
        "kettlebells": "range",
        "own_kettlebells_kg": "",
        "barbell": "plates",
        "own_barbell_kg": "",
        "theme": "system",
    }
    return {**data, **changes}


def _save(client, **changes):
    return client.post(reverse("settings"), _valid(**changes))


def test_it_requires_a_signed_in_runner(client, db):
    response = client.get(reverse("settings"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_shows_the_runners_current_settings(runner_client, runner):
    response = runner_client.get(reverse("settings"))
    assert response.status_code == 200
    assert f'value="{runner.name}"' in response.text
    assert 'value="Europe/London"' in response.text


def test_it_offers_every_iana_timezone_name_as_a_suggestion(runner_client):
    response = runner_client.get(reverse("settings"))
    assert 'list="timezone-names"' in response.text
    assert '<option value="America/New_York">' in response.text
    assert '<option value="Pacific/Auckland">' in response.text


def test_a_runner_saves_their_settings(runner_client, runner):
    response = _save(
        runner_client,
        name="Ada L.",
        unit="lb",
        timezone="America/New_York",
        week_start=str(SUNDAY),
        weekly_goal="3",
        min_rest_days="2",
        rest_timer_seconds="120",
        long_run_weekday="6",
    )
    assert response.status_code == 302
    assert response.url == reverse("settings")
    runner.refresh_from_db()
    saved = (
        runner.name,
        runner.unit,
        runner.timezone,
        runner.week_start,
        runner.weekly_goal,
        runner.min_rest_days,
        runner.rest_timer_seconds,
        runner.long_run_weekday,
    )
    assert saved == ("Ada L.", "lb", "America/New_York", SUNDAY, 3, 2, 120, 6)


def test_saving_says_so(runner_client):
    response = runner_client.post(reverse("settings"), _valid(), follow=True)
    assert "Settings saved." in response.text


@pytest.mark.parametrize("unit", ["kg", "lb"])
def test_units_are_kilograms_or_pounds(runner_client, runner, unit):
    _save(runner_client, unit=unit)
    runner.refresh_from_db()
    assert runner.unit == unit


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weekly_goal", "2"),
        ("weekly_goal", "7"),
        ("min_rest_days", "0"),
        ("min_rest_days", "3"),
        ("rest_timer_seconds", "10"),
        ("rest_timer_seconds", "600"),
    ],
)
def test_the_ends_of_each_range_are_accepted(runner_client, runner, field, value):
    assert _save(runner_client, **{field: value}).status_code == 302
    runner.refresh_from_db()
    assert getattr(runner, field) == int(value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weekly_goal", "1"),
        ("weekly_goal", "8"),
        ("min_rest_days", "-1"),
        ("min_rest_days", "4"),
        ("rest_timer_seconds", "9"),
        ("rest_timer_seconds", "601"),
        ("weekly_goal", "two"),
        ("unit", "stone"),
        ("week_start", "2"),
        ("long_run_weekday", "7"),
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", "GMT+2"),
        ("timezone", ""),
        ("name", "x" * 151),
    ],
)
def test_a_value_out_of_range_is_refused_beside_its_field(runner_client, field, value):
    response = _save(runner_client, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {field}
    assert f'id="id_{field}_errors"' in response.text


def test_a_race_date_in_the_past_is_refused(runner_client, runner):
    yesterday = timezone.localdate(timezone=runner.zone) - dt.timedelta(days=1)
    response = _save(runner_client, race_date=yesterday.isoformat())
    assert response.context["form"].errors["race_date"] == [
        "The race date is in the past. Clear it or pick a new one."
    ]


def test_a_race_today_or_later_is_accepted(runner_client, runner):
    today = timezone.localdate(timezone=runner.zone)
    assert _save(runner_client, race_date=today.isoformat()).status_code == 302
    runner.refresh_from_db()
    assert runner.race_date == today


def test_an_error_is_tied_to_its_input_for_screen_readers(runner_client):
    response = _save(runner_client, weekly_goal="9")
    html = response.text
    start = html.index('id="id_weekly_goal"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    assert 'aria-invalid="true"' in tag
    assert 'aria-describedby="id_weekly_goal_help id_weekly_goal_errors"' in tag


def test_a_refused_form_saves_nothing_and_keeps_what_was_typed(runner_client, runner):
    before = (runner.name, runner.unit, runner.weekly_goal)
    response = _save(runner_client, name="Changed", unit="lb", weekly_goal="9")
    runner.refresh_from_db()
    assert (runner.name, runner.unit, runner.weekly_goal) == before
    assert 'value="Changed"' in response.text


def test_the_page_renders_in_a_fixed_number_of_queries(runner_client, django_assert_num_queries):
    # The session, the runner (preferences included): nothing else.
    with django_assert_num_queries(2):
        runner_client.get(reverse("settings"))


def test_a_runner_picks_a_home_pair_of_adjustable_dumbbells(runner_client, runner):
    response = _save(runner_client, dumbbells="adjustable")

    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.dumbbells == "adjustable"


def test_own_weights_are_typed_in_the_unit_the_page_showed(runner_client, runner):
    response = _save(
        runner_client, unit="lb", kettlebells="custom", own_kettlebells_kg="35, 15; 25"
    )

    assert response.status_code == 302
    runner.refresh_from_db()
    # Typed in the unit the page showed (kg, the saved one), kept in kilograms.
    assert runner.own_kettlebells_kg == ["15.000000", "25.000000", "35.000000"]


def test_own_weights_typed_in_pounds_read_back_exactly(runner_client, runner):
    runner.unit = "lb"
    runner.save(update_fields=["unit"])

    _save(runner_client, unit="lb", dumbbells="custom", own_dumbbells_kg="12.5, 25")

    runner.refresh_from_db()
    assert runner.own_dumbbells_kg == ["5.669905", "11.339809"]
    page = runner_client.get(reverse("settings")).text
    assert 'value="12.5, 25"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dumbbells": "custom"}, "List your dumbbells (e.g. 8, 12, 16), or pick another option."),
        ({"own_kettlebells_kg": "8, heavy"}, "“heavy” is not a number."),
        ({"own_kettlebells_kg": "0"}, "“0” is not a weight: use numbers above 0, up to 500 kg."),
        ({"own_kettlebells_kg": "501"}, "“501” is not a weight"),
        ({"own_barbell_kg": "20.125"}, "“20.125” has more than 2 decimals."),
        ({"own_barbell_kg": ", ".join(["20"] * 41)}, "List at most 40 weights."),
        ({"own_barbell_kg": "1" * 401}, "at most 400 characters"),
    ],
)
def test_own_weights_that_are_not_a_list_of_weights_are_explained(
    runner_client, runner, changes, message
):
    response = _save(runner_client, **changes)

    assert response.status_code == 200
    assert message in response.text
    runner.refresh_from_db()
    assert (runner.dumbbells, runner.own_kettlebells_kg, runner.own_barbell_kg) == ("rack", [], [])


def test_presets_show_the_weights_they_give_in_the_runners_unit(runner_client, runner):
    page = runner_client.get(reverse("settings")).text
    assert "A home set of three kettlebells (8, 12, 16 kg)" in page
    assert "A gym&#x27;s dumbbell rack (1 to 50 kg)" in page

    runner.unit = "lb"
    runner.save(update_fields=["unit"])
    page = runner_client.get(reverse("settings")).text
    assert "A home pair of adjustable dumbbells (5 to 52.5 lb)" in page


def test_a_runner_picks_dark_colours(runner_client, runner):
    _save(runner_client, theme="dark")

    runner.refresh_from_db()
    assert runner.theme == "dark"
    assert 'data-theme="dark"' in runner_client.get(reverse("settings")).text


def test_same_as_my_device_sets_no_theme_so_the_system_preference_decides(runner_client):
    assert "data-theme=" not in runner_client.get(reverse("settings")).text
