import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_runners_settings(runner_api, runner):
    body = runner_api.get("/api/v1/me/").json()

    assert body == {
        "email": runner.email,
        "name": runner.name,
        "unit": "kg",
        "timezone": "Europe/London",
        "week_start": 0,
        "weekly_goal": 2,
        "min_rest_days": 1,
        "rest_timer_seconds": 90,
        "long_run_weekday": None,
        "race_date": None,
        "dumbbells": "rack",
        "own_dumbbells_kg": [],
        "kettlebells": "range",
        "own_kettlebells_kg": [],
        "barbell": "plates",
        "own_barbell_kg": [],
        "theme": "system",
    }


def test_a_runner_switches_to_pounds_and_sunday_weeks(runner_api, runner):
    response = runner_api.patch(
        "/api/v1/me/", {"unit": "lb", "week_start": 6, "timezone": "America/St_Johns"}
    )

    assert response.status_code == 200
    runner.refresh_from_db()
    assert (runner.unit, runner.week_start, runner.timezone) == ("lb", 6, "America/St_Johns")
    assert response.json()["timezone"] == "America/St_Johns"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weekly_goal": 1}, "weekly_goal"),
        ({"weekly_goal": 8}, "weekly_goal"),
        ({"min_rest_days": 4}, "min_rest_days"),
        ({"rest_timer_seconds": 99999999999999999999}, "rest_timer_seconds"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"unit": "stone"}, "unit"),
        ({"week_start": 2}, "week_start"),
        ({"name": "x" * 151}, "name"),
        ({"race_date": "2001-01-01"}, "race_date"),
        ({"race_date": "soon"}, "race_date"),
        ({"weekly_goal": "two"}, "weekly_goal"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_it_rejects_what_the_settings_page_rejects(runner_api, runner, change, field):
    response = runner_api.patch("/api/v1/me/", change)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    runner.refresh_from_db()
    assert runner.weekly_goal == 2
    assert runner.unit == "kg"


def test_it_rejects_a_past_race_date_with_the_settings_pages_message(runner_api):
    response = runner_api.patch("/api/v1/me/", {"race_date": "2001-01-01"})

    assert response.json()["errors"]["race_date"] == [
        "The race date is in the past. Clear it or pick a new one."
    ]


def test_a_runner_sets_and_clears_a_race_date(runner_api, runner):
    race = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert runner_api.patch("/api/v1/me/", {"race_date": race}).json()["race_date"] == race

    assert runner_api.patch("/api/v1/me/", {"race_date": None}).status_code == 200
    runner.refresh_from_db()
    assert runner.race_date is None


def test_the_email_cannot_be_changed_here(runner_api, runner):
    body = runner_api.get("/api/v1/me/").json()

    response = runner_api.put("/api/v1/me/", {**body, "email": "new@example.com", "unit": "lb"})

    assert response.status_code == 200
    runner.refresh_from_db()
    assert (runner.email, runner.unit) == (body["email"], "lb")


def test_a_name_longer_than_the_schema_allows_is_refused_even_with_spaces_around_it(
    runner_api, runner
):
    response = runner_api.patch("/api/v1/me/", {"name": "\x1e   " + "S" * 150})

    assert response.status_code == 400
    assert "name" in response.json()["errors"]
    runner.refresh_from_db()
    assert runner.name != "S" * 150


def test_the_spaces_around_a_name_are_trimmed_as_on_the_settings_page(runner_api, runner):
    response = runner_api.patch("/api/v1/me/", {"name": "  Sam  "})

    assert response.status_code == 200
    assert response.json()["name"] == "Sam"
    runner.refresh_from_db()
    assert runner.name == "Sam"


def test_a_runner_lists_their_own_kettlebells_in_kilograms_and_reads_them_back(runner_api, runner):
    response = runner_api.patch(
        "/api/v1/me/",
        {"kettlebells": "custom", "own_kettlebells_kg": ["16", "8", "11.339809"]},
        format="json",
    )

    assert response.status_code == 200
    listed = ["8.000000", "11.339809", "16.000000"]
    assert response.json()["own_kettlebells_kg"] == listed
    assert runner_api.get("/api/v1/me/").json()["own_kettlebells_kg"] == listed
    runner.refresh_from_db()
    assert (runner.kettlebells, runner.own_kettlebells_kg) == ("custom", listed)


def test_a_runner_picks_dark_colours(runner_api, runner):
    response = runner_api.patch("/api/v1/me/", {"theme": "dark"}, format="json")

    assert response.status_code == 200
    runner.refresh_from_db()
    assert runner.theme == "dark"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"dumbbells": "custom"}, "own_dumbbells_kg"),
        ({"own_dumbbells_kg": ["0"]}, "own_dumbbells_kg"),
        ({"own_dumbbells_kg": ["501"]}, "own_dumbbells_kg"),
        ({"own_dumbbells_kg": ["heavy"]}, "own_dumbbells_kg.0"),
        ({"own_dumbbells_kg": ["1"] * 41}, "own_dumbbells_kg"),
        ({"kettlebells": "anvil"}, "kettlebells"),
        ({"theme": "sepia"}, "theme"),
    ],
)
def test_it_rejects_equipment_the_settings_page_rejects(runner_api, runner, change, field):
    response = runner_api.patch("/api/v1/me/", change, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    runner.refresh_from_db()
    assert (runner.dumbbells, runner.own_dumbbells_kg) == ("rack", [])
