"""Geometry for the progress page's server-rendered SVG charts.

Pure functions from the rules' plain values to coordinates; the words come from wording.py and
the templates draw the charts (presentation attributes, no style=, no script). The few hundred
repeated elements (heatmap cells, dots, table rows) are written here instead, by the functions
at the end of this module, which escape every text they write. Sizes are in viewBox units
chosen so the charts need no scaling at 360 px wide: labels stay at about 11 px on a phone.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from apps.accounts.units import from_kg
from apps.progress import rules, wording

# Colours from static/css/app.css (--line, a light accent, --accent).
EMPTY_FILL = "#e4e7e1"
ONE_FILL = "#7fb3a6"
MANY_FILL = "#0f5c4d"
FUTURE_FILL = "#ffffff"

CELL = 11
STEP = 13
WEEKDAY_GUTTER = 18
MONTH_ROW = 14
BAND_GAP = 10
LEGEND_ROW = 22
BAND_HEIGHT = MONTH_ROW + 7 * STEP
WEEKDAY_LETTERS = "MTWTFSS"


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    fill: str
    label: str


# Text is drawn at FONT_SIZE; a label's box is estimated from its length, generously (a
# system-ui digit is about 0.55 em wide, a capital M about 0.85), so that labels kept apart
# by these boxes never touch on screen.
FONT_SIZE = 11
CHAR_WIDTH = 0.65 * FONT_SIZE
ASCENT = 0.8 * FONT_SIZE
DESCENT = 0.25 * FONT_SIZE
LABEL_GAP = 3


@dataclass(frozen=True)
class Label:
    """A text at (x, y), y being its baseline; anchored at its start, middle or end."""

    x: float
    y: float
    text: str
    anchor: str = "start"

    @property
    def width(self) -> float:
        return len(self.text) * CHAR_WIDTH

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the space the text takes."""
        left = self.x - {"start": 0, "middle": self.width / 2, "end": self.width}[self.anchor]
        return (left, self.y - ASCENT, left + self.width, self.y + DESCENT)


@dataclass(frozen=True)
class HeatRow:
    """One week of the calendar for the table fallback."""

    start: dt.date
    trained: str
    sessions: int


@dataclass(frozen=True)
class HeatmapChart:
    width: int
    height: int
    size: int
    cells: list[HeatCell]
    labels: list[Label]
    legend: list[tuple[int, int, str, str]]
    bands: int
    sessions: int
    days: int
    first_day: dt.date
    last_day: dt.date
    rows: list[HeatRow]

    @property
    def layout(self) -> str:
        return "wide" if self.bands == 1 else "narrow"

    @property
    def cells_svg(self) -> SafeString:
        return cells_markup(self.cells, self.size)


def heatmap_chart(
    columns: Sequence[Sequence[rules.HeatDay]], first_weekday: int, bands: int = 3
) -> HeatmapChart:
    """The 52-week calendar as `bands` stacked rows of weeks (three rows fit a phone), one
    cell a day, weekdays down the side and month names above the week where a month starts."""
    per_band = -(-len(columns) // bands)
    cells: list[HeatCell] = []
    labels: list[Label] = []
    for band in range(bands):
        top = band * (BAND_HEIGHT + BAND_GAP)
        band_columns = columns[band * per_band : (band + 1) * per_band]
        labels += _weekday_labels(top, first_weekday)
        cells += _day_cells(band_columns, top)
    labels += _month_labels(columns, per_band)
    height = bands * BAND_HEIGHT + (bands - 1) * BAND_GAP + LEGEND_ROW
    all_days = [day for column in columns for day in column]
    return HeatmapChart(
        width=WEEKDAY_GUTTER + per_band * STEP,
        height=height,
        size=CELL,
        cells=cells,
        labels=labels,
        legend=_heat_legend(height - CELL - 2),
        bands=bands,
        sessions=sum(day.sessions for day in all_days),
        days=sum(1 for day in all_days if day.sessions),
        first_day=all_days[0].day,
        last_day=max(day.day for day in all_days if not day.future),
        rows=_week_rows(columns),
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: dt.date
    text: str

    @property
    def date_text(self) -> str:
        return f"{self.day:%a %-d %b %Y}"


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    y_ticks: list[Label]
    x_ticks: list[Label]
    grid: list[float]
    left: int
    right: int
    top: int
    bottom: int
    show_dots: bool
    axis: Label

    @property
    def axis_label(self) -> str:
        return self.axis.text

    @property
    def labels(self) -> list[Label]:
        return [self.axis, *self.y_ticks, *self.x_ticks]

    @property
    def is_drawn(self) -> bool:
        """A line needs two points: with fewer, the page says so instead of drawing a dot."""
        return len(self.points) >= MIN_CHART_POINTS

    @property
    def dots_svg(self) -> SafeString:
        """A dot per session with its date and value as a tooltip, when there are few enough
        to tell apart."""
        return dots_markup(self.points if self.show_dots else [])

    @property
    def table_rows(self) -> SafeString:
        """The chart's table fallback, newest first: one row per session."""
        return table_rows_markup(reversed(self.points))


MIN_CHART_POINTS = 2
LINE_WIDTH = 340
LINE_HEIGHT = 184
# The axis's unit has a row of its own above the plot, and the dates one below it, so neither
# meets a value tick.
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 26, 26
AXIS_BASELINE = 12


def move_chart(
    best_sets: Sequence[rules.BestSet], measure: str, unit: str, since: dt.date, today: dt.date
) -> LineChart:
    """A move's best set per session from `since` to `today`, as a line over time; the value is
    shown in the runner's unit for loads, in reps or seconds otherwise."""
    shown = [best for best in best_sets if best.day >= since]
    values = [chart_value(best.value, measure, unit) for best in shown]
    low, high = _nice_range(values)
    span_days = max((today - since).days, 1)
    plot_w = LINE_WIDTH - LEFT - RIGHT
    plot_h = LINE_HEIGHT - TOP - BOTTOM

    def x_of(day: dt.date) -> float:
        return round(LEFT + plot_w * (day - since).days / span_days, 1)

    def y_of(value: float) -> float:
        return round(TOP + plot_h * (1 - (value - low) / (high - low)), 1)

    points = [
        Point(
            x=x_of(best.day),
            y=y_of(value),
            day=best.day,
            text=wording.best_set_text(best, measure, unit),
        )
        for best, value in zip(shown, values, strict=True)
    ]
    # Reps and seconds are whole numbers: no 9.5-rep gridline.
    ticks = _ticks(low, high, whole=measure != rules.LOAD)
    return LineChart(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        points=points,
        polyline=" ".join(f"{point.x},{point.y}" for point in points),
        y_ticks=[
            Label(x=LEFT - 6, y=y_of(tick) + 4, text=_number(tick), anchor="end") for tick in ticks
        ],
        x_ticks=[
            Label(x=x_of(day), y=LINE_HEIGHT - 6, text=_date_tick(day, span_days), anchor=anchor)
            for day, anchor in zip(_date_ticks(since, today), X_TICK_ANCHORS, strict=True)
        ],
        grid=[y_of(tick) for tick in ticks],
        left=LEFT,
        right=LINE_WIDTH - RIGHT,
        top=TOP,
        bottom=LINE_HEIGHT - BOTTOM,
        show_dots=len(points) <= 60,
        axis=Label(x=2, y=AXIS_BASELINE, text=wording.axis_label(measure, unit)),
    )


def chart_value(value: Decimal | int, measure: str, unit: str) -> float:
    return float(from_kg(value, unit)) if measure == rules.LOAD else float(value)


def _heat_fill(day: rules.HeatDay) -> str:
    if day.future:
        return FUTURE_FILL
    if day.sessions == 0:
        return EMPTY_FILL
    return ONE_FILL if day.sessions == 1 else MANY_FILL


def _weekday_labels(top: int, first_weekday: int) -> list[Label]:
    """Every other weekday's letter down the side of a band, from the runner's first day."""
    return [
        Label(
            x=0,
            y=top + MONTH_ROW + row * STEP + CELL - 1,
            text=WEEKDAY_LETTERS[(first_weekday + row) % 7],
        )
        for row in range(0, 7, 2)
    ]


def _month_labels(columns: Sequence[Sequence[rules.HeatDay]], per_band: int) -> list[Label]:
    """Each month's name once, in order, above the week it starts in. A month starting in a
    band's last week, where its name would run past the chart's edge, is named above the next
    band's first week instead. The month already under way in the calendar's first week is
    named there if its name fits before the next month's."""
    chart_right = WEEKDAY_GUTTER + per_band * STEP
    labels: list[Label] = []
    for index, column in enumerate(columns):
        first_of_month = next((day.day for day in column if day.day.day == 1), None)
        if first_of_month is None and index > 0:
            continue
        month = first_of_month or column[0].day
        band, position = divmod(index, per_band)
        label = _month_label(month, band, position)
        if label.box[2] > chart_right:
            if index - position + per_band < len(columns):
                label = _month_label(month, band + 1, 0)
            else:
                label = Label(x=chart_right, y=label.y, text=label.text, anchor="end")
        if labels and labels[-1].y == label.y and labels[-1].box[2] + LABEL_GAP > label.box[0]:
            # Only the month under way at the start can be this close to the next one.
            labels.pop()
        labels.append(label)
    return labels


def _month_label(month: dt.date, band: int, position: int) -> Label:
    top = band * (BAND_HEIGHT + BAND_GAP)
    return Label(x=WEEKDAY_GUTTER + position * STEP, y=top + MONTH_ROW - 4, text=f"{month:%b}")


def _day_cells(columns: Sequence[Sequence[rules.HeatDay]], top: int) -> list[HeatCell]:
    return [
        HeatCell(
            x=WEEKDAY_GUTTER + index * STEP,
            y=top + MONTH_ROW + row * STEP,
            fill=_heat_fill(day),
            label=wording.heat_day_title(day),
        )
        for index, column in enumerate(columns)
        for row, day in enumerate(column)
    ]


def _week_rows(columns: Sequence[Sequence[rules.HeatDay]]) -> list[HeatRow]:
    """The calendar's table fallback: a row per week, newest first."""
    return [
        HeatRow(
            start=column[0].day,
            trained=wording.trained_days(column),
            sessions=sum(day.sessions for day in column),
        )
        for column in reversed(columns)
    ]


def _heat_legend(y: int) -> list[tuple[int, int, str, str]]:
    """A cell of each fill with its words, along the bottom of the chart."""
    offsets = (0, 60, 145)
    fills = (EMPTY_FILL, ONE_FILL, MANY_FILL)
    return [
        (WEEKDAY_GUTTER + offset, y, fill, text)
        for offset, fill, text in zip(offsets, fills, wording.HEAT_LEGEND, strict=True)
    ]


def _nice_range(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if low == high:
        return max(low - 1, 0), high + 1
    pad = (high - low) * 0.1
    return max(low - pad, 0), high + pad


def _ticks(low: float, high: float, whole: bool = False) -> list[float]:
    raw = max((high - low) / 3, 1) if whole else (high - low) / 3
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = next((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), 10 * magnitude)
    first = (int(low / step) + (low % step > 1e-9)) * step
    ticks = []
    tick = first
    while tick <= high + 1e-9:
        ticks.append(round(tick, 2))
        tick += step
    return ticks


def _number(value: float) -> str:
    return f"{value:g}"


# The first date starts at the plot's left edge, the last ends at its right edge.
X_TICK_ANCHORS = ("start", "middle", "end")


def _date_ticks(since: dt.date, today: dt.date) -> list[dt.date]:
    span = (today - since).days
    return [since + dt.timedelta(days=round(span * share)) for share in (0, 0.5, 1)]


def _date_tick(day: dt.date, span_days: int) -> str:
    return f"{day:%b %Y}" if span_days > 200 else f"{day:%-d %b}"


# ---------------------------------------------------------------------------------------------
# Markup of the repeated elements
# ---------------------------------------------------------------------------------------------
# Joined here rather than in a template loop, which over the heatmap's 728 cells costs more
# than everything else on the page. Every text goes through html.escape (quotes included, so
# nothing leaves its attribute or element; Django's escape() is ten times slower here) and
# every number through a numeric format, so the markup is safe whatever the values hold.


def cells_markup(cells: Iterable[HeatCell], size: int) -> SafeString:
    """The heatmap's day cells, each with its date and sessions as a tooltip."""
    return _safe(
        f'<rect x="{cell.x:d}" y="{cell.y:d}" width="{size:d}" height="{size:d}" rx="2" '
        f'fill="{escape(cell.fill)}" stroke="#d9dcd6" stroke-width=".5">'
        f"<title>{escape(cell.label)}</title></rect>"
        for cell in cells
    )


def dots_markup(points: Iterable[Point]) -> SafeString:
    """A dot per point, with its date and value as a tooltip."""
    return _safe(
        f'<circle cx="{point.x:.1f}" cy="{point.y:.1f}" r="3" fill="#0f5c4d">'
        f"<title>{escape(point.date_text)}: {escape(point.text)}</title></circle>"
        for point in points
    )


def table_rows_markup(points: Iterable[Point]) -> SafeString:
    """A table row per point: its date and its value."""
    return _safe(
        f"<tr><td>{escape(point.date_text)}</td><td>{escape(point.text)}</td></tr>"
        for point in points
    )


def _safe(escaped: Iterable[str]) -> SafeString:
    # Only for the functions above, which escaped every text they put in `escaped`.
    return mark_safe("".join(escaped))
