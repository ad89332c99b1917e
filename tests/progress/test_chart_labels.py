"""No chart text meets another: labels are kept apart by the boxes the chart's own geometry
gives them (charts.Label.box), at the phone's three-band calendar and the desktop's one band,
for every week a calendar can start on, and for line charts of every measure and span."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from apps.progress import charts, rules

TODAY = dt.date(2026, 12, 7)


def overlapping(labels: list[charts.Label]) -> list[tuple[str, str]]:
    return [
        (first.text, second.text)
        for first, second in itertools.combinations(labels, 2)
        if first.box[0] < second.box[2]
        and second.box[0] < first.box[2]
        and first.box[1] < second.box[3]
        and second.box[1] < first.box[3]
    ]


def outside(labels: list[charts.Label], width: float, height: float) -> list[str]:
    return [
        label.text
        for label in labels
        if label.box[0] < 0 or label.box[1] < 0 or label.box[2] > width or label.box[3] > height
    ]


# --- The 52-week calendar ----------------------------------------------------------------------


def calendar(today: dt.date, first_weekday: int) -> list[list[rules.HeatDay]]:
    return rules.heatmap({}, today=today, first_weekday=first_weekday)


def month_labels(chart: charts.HeatmapChart) -> list[charts.Label]:
    return [label for label in chart.labels if len(label.text) == 3]


def months_starting_in(columns) -> list[str]:
    """The months whose first day the calendar shows, in order."""
    return [f"{day.day:%b}" for column in columns for day in column if day.day.day == 1]


# The calendar depends only on the week today falls in: every week of two years, a leap
# February included.
EVERY_WEEK = [TODAY + dt.timedelta(weeks=n) for n in range(106)]


@pytest.mark.parametrize("bands", [1, 3])
@pytest.mark.parametrize("first_weekday", [0, 6])
def test_every_month_is_named_once_and_in_order_whatever_the_week(bands, first_weekday):
    for today in EVERY_WEEK:
        columns = calendar(today, first_weekday)
        chart = charts.heatmap_chart(columns, first_weekday, bands=bands)
        named = [label.text for label in month_labels(chart)]
        expected = months_starting_in(columns)
        under_way = [] if columns[0][0].day.day == 1 else [f"{columns[0][0].day:%b}"]
        # The month under way in the first week is named too, when its name fits.
        assert named in (expected, [*under_way, *expected]), (today, named)


@pytest.mark.parametrize("bands", [1, 3])
@pytest.mark.parametrize("first_weekday", [0, 6])
def test_calendar_labels_never_overlap_and_stay_inside_the_chart(bands, first_weekday):
    for today in EVERY_WEEK:
        chart = charts.heatmap_chart(calendar(today, first_weekday), first_weekday, bands=bands)
        assert overlapping(chart.labels) == [], today
        assert outside(chart.labels, chart.width, chart.height) == [], today


def test_a_month_is_named_above_the_week_it_starts_in():
    # 7 Dec 2026 is a Monday: the calendar starts on Mon 15 Dec 2025; 1 Jan 2026 is in its
    # third week, 1 May 2026 (a Friday) in the week of Mon 27 Apr.
    columns = calendar(TODAY, 0)
    chart = charts.heatmap_chart(columns, 0, bands=1)
    x_of = {label.text: label.x for label in month_labels(chart)}
    assert x_of["Jan"] == charts.WEEKDAY_GUTTER + 2 * charts.STEP
    week_of_may = next(
        i for i, column in enumerate(columns) if column[0].day.isoformat() == "2026-04-27"
    )
    assert x_of["May"] == charts.WEEKDAY_GUTTER + week_of_may * charts.STEP


def test_at_phone_width_each_band_names_its_own_months():
    # Read "Dec Jan Feb Mar | Apr Jun Jul Aug | Aug Oct Nov Dec" before: May and September
    # missing, August twice.
    chart = charts.heatmap_chart(calendar(TODAY, 0), 0, bands=3)
    bands: dict[float, list[str]] = {}
    for label in month_labels(chart):
        bands.setdefault(label.y, []).append(label.text)
    assert list(bands.values()) == [
        ["Dec", "Jan", "Feb", "Mar", "Apr"],
        ["May", "Jun", "Jul", "Aug"],
        ["Sep", "Oct", "Nov", "Dec"],
    ]


# --- A move's line chart -----------------------------------------------------------------------


def best(day: dt.date, value) -> rules.BestSet:
    return rules.BestSet(day=day, value=Decimal(value), reps=5, seconds=None, load_kg=None)


SERIES = {
    "flat": lambda n: 31,
    "slow climb": lambda n: 20 + n // 4,
    "steep climb": lambda n: 5 + 7 * n,
    "small loads": lambda n: Decimal("2.5") + Decimal("0.25") * n,
    "odd pounds": lambda n: Decimal("10.002") + Decimal("0.4536") * (n % 7),
    "from zero": lambda n: n % 3,
    "heavy": lambda n: 180 + n,
}
MEASURES = [(rules.LOAD, "kg"), (rules.LOAD, "lb"), (rules.REPS, "kg"), (rules.SECONDS, "kg")]
SPANS = [30, 365, 5 * 365]


@pytest.mark.parametrize(("measure", "unit"), MEASURES)
@pytest.mark.parametrize("shape", SERIES)
@pytest.mark.parametrize("span_days", SPANS)
def test_line_chart_labels_never_overlap_and_stay_inside_the_chart(measure, unit, shape, span_days):
    since = TODAY - dt.timedelta(days=span_days)
    for count in (2, 3, 12, 60):
        days = [since + dt.timedelta(days=span_days * (i + 1) // count) for i in range(count)]
        series = [best(day, SERIES[shape](i)) for i, day in enumerate(days)]
        chart = charts.move_chart(series, measure, unit, since=since, today=TODAY)
        assert overlapping(chart.labels) == [], count
        assert outside(chart.labels, chart.width, chart.height) == [], count


def test_the_axis_unit_sits_above_the_plot_clear_of_the_top_value():
    # The plank chart of the issue: "seconds" on the tick "31".
    series = [best(TODAY - dt.timedelta(days=n), 30 + n % 2) for n in (10, 5)]
    chart = charts.move_chart(
        series, rules.SECONDS, "kg", since=TODAY.replace(year=2025), today=TODAY
    )
    assert chart.axis.text == "seconds"
    assert chart.axis.box[3] < min(tick.box[1] for tick in chart.y_ticks)
    assert chart.axis.box[3] < chart.top


def test_a_chart_is_drawn_from_two_points():
    one = [best(TODAY, 20)]
    two = [best(TODAY - dt.timedelta(days=7), 20), best(TODAY, 22)]
    since = TODAY - dt.timedelta(days=365)
    assert not charts.move_chart(one, rules.LOAD, "kg", since=since, today=TODAY).is_drawn
    assert charts.move_chart(two, rules.LOAD, "kg", since=since, today=TODAY).is_drawn
