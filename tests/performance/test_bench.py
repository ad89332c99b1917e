"""The benchmark's own logic: page discovery and the targets it checks."""

from bench.catalogue import Page, Runner
from bench.pages import Measure, check_targets, render_table


def _measure(label, years, median_ms, queries=5):
    return Measure(
        label=label,
        years=years,
        url=f"/{label}/",
        status=200,
        queries=queries,
        timings=[median_ms / 1000] * 3,
        cpu_timings=[median_ms / 1000] * 3,
    )


def test_a_page_not_built_yet_has_no_url(routine, runner):
    page = Page("someday", ("nowhere:page",))

    assert page.url(Runner.of(runner)) is None


def test_a_page_finds_its_url_by_name(routine, runner):
    page = Page(
        "exercise", ("missing:name", "exercises:detail"), kwargs=lambda r: {"slug": "squat"}
    )

    assert page.url(Runner.of(runner)) == "/routine/squat/"


def test_a_page_needing_a_draft_has_no_url_without_one(routine, runner):
    page = Page("player", ("training:player", "exercises:detail"), kwargs=lambda r: None)

    assert page.url(Runner.of(runner)) is None


def test_a_page_over_five_times_the_baseline_misses_its_target():
    measures = [_measure("baseline", 5, 10), _measure("home", 5, 51)]

    assert [verdict.met for verdict in check_targets(measures)] == [False]


def test_a_page_that_grows_with_the_history_misses_its_target():
    measures = [_measure("home", 1, 10), _measure("home", 20, 16)]

    assert [verdict.met for verdict in check_targets(measures)] == [False, True]


def test_a_page_whose_queries_grow_misses_its_target():
    measures = [_measure("home", 1, 10, queries=5), _measure("home", 20, 10, queries=6)]

    assert [verdict.met for verdict in check_targets(measures)] == [True, False]


def test_a_flat_page_within_budget_meets_every_target():
    measures = [
        _measure("baseline", 5, 10),
        _measure("home", 1, 20),
        _measure("home", 5, 25),
        _measure("home", 20, 29),
    ]

    assert all(verdict.met for verdict in check_targets(measures))


def test_a_page_that_fails_is_reported_and_misses():
    broken = Measure(label="home", years=5, url="/", status=500)

    assert "HTTP 500" in render_table([broken])
    assert not check_targets([broken])[-1].met


def test_a_missing_page_is_reported_as_not_built_yet():
    assert "not built yet" in render_table([Measure(label="home", years=1, url=None)])


def test_a_page_after_a_change_is_held_to_flatness_not_to_the_baseline():
    after = [
        Measure(
            label="progress (after a change)",
            years=years,
            url="/progress/",
            status=200,
            queries=9,
            timings=[ms / 1000] * 3,
            cpu_timings=[ms / 1000] * 3,
            after_change=True,
        )
        for years, ms in ((1, 40), (5, 45), (20, 70))
    ]

    verdicts = check_targets([_measure("baseline", 5, 2), *after])

    assert [verdict.met for verdict in verdicts] == [False, True]
    assert "1.75 ×" in verdicts[0].text
