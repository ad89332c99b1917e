import datetime as dt
from decimal import Decimal

from apps.progress import charts, rules

TODAY = dt.date(2026, 11, 25)


def calendar(days=()):
    tallies = {day: rules.DayTally(1, 3) for day in days}
    return rules.heatmap(tallies, today=TODAY, first_weekday=0)


def test_the_heatmap_draws_one_cell_a_day_in_every_layout():
    for bands in (1, 3):
        chart = charts.heatmap_chart(calendar(), first_weekday=0, bands=bands)
        assert len(chart.cells) == 52 * 7
        assert all(0 <= cell.x < chart.width and 0 <= cell.y < chart.height for cell in chart.cells)


def test_the_phone_heatmap_is_narrow_enough_for_legible_cells_at_360_px():
    chart = charts.heatmap_chart(calendar(), first_weekday=0, bands=3)
    # A phone gives the chart about 296 px: cells stay at least 11 px and labels 11 px.
    assert chart.width <= 296
    assert chart.layout == "narrow"


def test_heatmap_cells_say_the_date_and_the_sessions():
    chart = charts.heatmap_chart(calendar([dt.date(2026, 11, 23)]), first_weekday=0, bands=1)
    labels = {cell.label for cell in chart.cells}
    assert "Mon 23 Nov 2026: 1 session" in labels
    assert "Tue 24 Nov 2026: no session" in labels
    assert "Thu 26 Nov 2026: still to come" in labels
    assert (chart.sessions, chart.days) == (1, 1)


def test_the_heatmap_table_lists_weeks_newest_first():
    chart = charts.heatmap_chart(calendar([dt.date(2026, 11, 23)]), first_weekday=0)
    assert (chart.rows[0].start, chart.rows[0].trained) == (dt.date(2026, 11, 23), "Mon 23")
    assert chart.rows[0].sessions == 1
    assert chart.rows[1].trained == "–"
    assert len(chart.rows) == 52


def best(day, value, reps=5):
    return rules.BestSet(day=day, value=Decimal(value), reps=reps, seconds=None, load_kg=None)


def test_the_line_chart_keeps_every_point_inside_the_plot():
    series = [best(dt.date(2026, 1, 5) + dt.timedelta(days=7 * n), 20 + n) for n in range(40)]
    chart = charts.move_chart(series, rules.LOAD, "kg", since=dt.date(2026, 1, 1), today=TODAY)
    assert len(chart.points) == 40
    for point in chart.points:
        assert chart.left <= point.x <= chart.right
        assert chart.top <= point.y <= chart.bottom
    assert chart.points[-1].y < chart.points[0].y  # heavier is higher


def test_the_line_chart_shows_loads_in_the_runners_unit():
    series = [best(dt.date(2026, 11, 2), "20.411657")]
    chart = charts.move_chart(series, rules.LOAD, "lb", since=dt.date(2026, 1, 1), today=TODAY)
    assert chart.points[0].text == "45 lb × 5"
    assert chart.axis_label == "lb"


def test_the_line_chart_leaves_out_sessions_before_its_span():
    series = [best(dt.date(2025, 6, 1), 10), best(dt.date(2026, 6, 1), 12)]
    chart = charts.move_chart(series, rules.LOAD, "kg", since=dt.date(2025, 11, 26), today=TODAY)
    assert [point.day for point in chart.points] == [dt.date(2026, 6, 1)]


def test_the_chart_markup_escapes_every_text_it_writes():
    cell = charts.HeatCell(x=1, y=2, fill='"><script>', label="<b>&")
    point = charts.Point(x=1.5, y=2.0, day=TODAY, text="<i>")
    markup = "".join(
        [
            charts.cells_markup([cell], 11),
            charts.dots_markup([point]),
            charts.table_rows_markup([point]),
        ]
    )
    assert "<script>" not in markup
    assert "<b>" not in markup
    assert "<i>" not in markup
    assert 'fill="&quot;&gt;&lt;script&gt;"' in markup
    assert "<title>&lt;b&gt;&amp;</title>" in markup


def test_heatmap_cells_are_drawn_as_escaped_svg():
    chart = charts.heatmap_chart(calendar([dt.date(2026, 11, 23)]), first_weekday=0)
    svg = str(chart.cells_svg)
    assert svg.count("<rect ") == 52 * 7
    assert "<title>Mon 23 Nov 2026: 1 session</title>" in svg
    assert "style=" not in svg


def test_reps_and_seconds_charts_have_whole_number_gridlines():
    series = [
        rules.BestSet(
            day=TODAY - dt.timedelta(days=n), value=9 + n % 2, reps=9, seconds=None, load_kg=None
        )
        for n in range(5)
    ]
    chart = charts.move_chart(series, rules.REPS, "kg", since=dt.date(2026, 1, 1), today=TODAY)
    assert [tick.text for tick in chart.y_ticks] == ["9", "10"]
