"""Geometry for the progress page's server-rendered SVG charts.

Pure functions from the rules' plain values to coordinates and labels; the templates only draw
them (presentation attributes, no style=, no script). Sizes are in viewBox units chosen so the
charts need no scaling at 360 px wide: labels stay at about 11 px on a phone.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from apps.accounts.units import from_kg
from apps.exercises.amounts import set_text
from apps.progress import rules
from apps.training.progression import Suggestion

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
WEEKDAY_LETTERS = "MTWTFSS"


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    fill: str
    label: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class HeatRow:
    """One week of the calendar for the table fallback, as text."""

    start: str
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
        """The 364 day cells as SVG, joined here rather than in a template loop, which would
        cost more than everything else on a 5-year page. Labels are escaped."""
        size = self.size
        return mark_safe(
            "".join(
                f'<rect x="{cell.x}" y="{cell.y}" width="{size}" height="{size}" rx="2" '
                f'fill="{cell.fill}" stroke="#d9dcd6" stroke-width=".5">'
                f"<title>{escape(cell.label)}</title></rect>"
                for cell in self.cells
            )
        )


def heatmap_chart(
    columns: Sequence[Sequence[rules.HeatDay]], first_weekday: int, bands: int = 3
) -> HeatmapChart:
    """The 52-week calendar as `bands` stacked rows of weeks (three rows fit a phone), one
    cell a day, weekdays down the side and month names above the week where a month starts."""
    per_band = -(-len(columns) // bands)
    band_height = MONTH_ROW + 7 * STEP
    cells: list[HeatCell] = []
    labels: list[Label] = []
    for band in range(bands):
        top = band * (band_height + BAND_GAP)
        for row in range(0, 7, 2):
            letter = WEEKDAY_LETTERS[(first_weekday + row) % 7]
            labels.append(Label(x=0, y=top + MONTH_ROW + row * STEP + CELL - 1, text=letter))
        for index, column in enumerate(columns[band * per_band : (band + 1) * per_band]):
            x = WEEKDAY_GUTTER + index * STEP
            # A month's name goes above its first week, when there is room for three letters.
            month_day = next((day.day for day in column if day.day.day == 1), None)
            if index == 0 or month_day:
                month = (month_day or column[0].day).strftime("%b")
                fits = index <= per_band - 3 and (index == 0 or x - labels[-1].x >= 3 * STEP)
                if fits:
                    labels.append(Label(x=x, y=top + MONTH_ROW - 4, text=month))
            for row, day in enumerate(column):
                cells.append(
                    HeatCell(
                        x=x, y=top + MONTH_ROW + row * STEP, fill=_heat_fill(day), label=_heat(day)
                    )
                )
    height = bands * band_height + (bands - 1) * BAND_GAP + LEGEND_ROW
    legend_y = height - CELL - 2
    legend = [
        (WEEKDAY_GUTTER, legend_y, EMPTY_FILL, "none"),
        (WEEKDAY_GUTTER + 60, legend_y, ONE_FILL, "1 session"),
        (WEEKDAY_GUTTER + 145, legend_y, MANY_FILL, "2 or more"),
    ]
    all_days = [day for column in columns for day in column]
    return HeatmapChart(
        width=WEEKDAY_GUTTER + per_band * STEP,
        height=height,
        size=CELL,
        cells=cells,
        labels=labels,
        legend=legend,
        bands=bands,
        sessions=sum(day.sessions for day in all_days),
        days=sum(1 for day in all_days if day.sessions),
        first_day=all_days[0].day,
        last_day=max(day.day for day in all_days if not day.future),
        rows=[
            HeatRow(
                start=f"{column[0].day:%-d %b %Y}",
                trained=", ".join(_trained(day) for day in column if day.sessions) or "–",
                sessions=sum(day.sessions for day in column),
            )
            for column in reversed(columns)
        ],
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
    axis_label: str

    @property
    def dots_svg(self) -> SafeString:
        """A dot per session with its date and value as a tooltip, when there are few enough
        to tell apart."""
        if not self.show_dots:
            return mark_safe("")
        return mark_safe(
            "".join(
                f'<circle cx="{point.x}" cy="{point.y}" r="3" fill="#0f5c4d">'
                f"<title>{escape(point.date_text)}: {escape(point.text)}</title></circle>"
                for point in self.points
            )
        )

    @property
    def table_rows(self) -> SafeString:
        """The chart's table fallback, newest first: one row per session."""
        return mark_safe(
            "".join(
                f"<tr><td>{escape(point.date_text)}</td><td>{escape(point.text)}</td></tr>"
                for point in reversed(self.points)
            )
        )


LINE_WIDTH = 340
LINE_HEIGHT = 170
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 24


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
        Point(x=x_of(best.day), y=y_of(value), day=best.day, text=value_text(best, measure, unit))
        for best, value in zip(shown, values, strict=True)
    ]
    # Reps and seconds are whole numbers: no 9.5-rep gridline.
    ticks = _ticks(low, high, whole=measure != rules.LOAD)
    return LineChart(
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        points=points,
        polyline=" ".join(f"{point.x},{point.y}" for point in points),
        y_ticks=[Label(x=LEFT - 6, y=y_of(tick) + 4, text=_number(tick)) for tick in ticks],
        x_ticks=[
            Label(x=x_of(day), y=LINE_HEIGHT - 6, text=_date_tick(day, span_days))
            for day in _date_ticks(since, today)
        ],
        grid=[y_of(tick) for tick in ticks],
        left=LEFT,
        right=LINE_WIDTH - RIGHT,
        top=TOP,
        bottom=LINE_HEIGHT - BOTTOM,
        show_dots=len(points) <= 60,
        axis_label=axis_label(measure, unit),
    )


def chart_value(value: Decimal | int, measure: str, unit: str) -> float:
    return float(from_kg(value, unit)) if measure == rules.LOAD else float(value)


def value_text(best: rules.BestSet, measure: str, unit: str) -> str:
    """'42.5 kg × 5', '45 s', '10 reps': a best set as the runner reads it."""
    if measure == rules.LOAD:
        return set_text(best.reps or None, rules.REPS, unit, loaded=True, load_kg=best.value)
    return set_text(best.value, measure, unit)


def suggestion_text(suggestion: Suggestion | None, unit: str) -> str:
    """'35 kg × 5', '35 s', '6 reps': the progression rule's next target as the runner reads it."""
    if suggestion is None:
        return ""
    loaded = suggestion.load_kg is not None
    return set_text(
        suggestion.target, suggestion.measure, unit, loaded=loaded, load_kg=suggestion.load_kg
    )


def best_text(value: Decimal | int | None, measure: str, unit: str) -> str:
    """A move's best ever, in what it progresses by: '52.5 kg', '55 s', '12 reps'."""
    if value is None:
        return ""
    if measure == rules.LOAD:
        return set_text(None, rules.REPS, unit, loaded=True, load_kg=value)
    return set_text(value, measure, unit)


def axis_label(measure: str, unit: str) -> str:
    return {rules.LOAD: unit, rules.SECONDS: "seconds"}.get(measure, "reps")


def _trained(day: rules.HeatDay) -> str:
    times = f" (×{day.sessions})" if day.sessions > 1 else ""
    return f"{day.day:%a %-d}{times}"


def _heat_fill(day: rules.HeatDay) -> str:
    if day.future:
        return FUTURE_FILL
    if day.sessions == 0:
        return EMPTY_FILL
    return ONE_FILL if day.sessions == 1 else MANY_FILL


def _heat(day: rules.HeatDay) -> str:
    if day.future:
        return f"{day.day:%a %-d %b %Y}: still to come"
    count = "no session" if not day.sessions else f"{day.sessions} session"
    plural = "s" if day.sessions > 1 else ""
    return f"{day.day:%a %-d %b %Y}: {count}{plural}"


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


def _date_ticks(since: dt.date, today: dt.date) -> list[dt.date]:
    span = (today - since).days
    return [since + dt.timedelta(days=round(span * share)) for share in (0, 0.5, 1)]


def _date_tick(day: dt.date, span_days: int) -> str:
    return f"{day:%b %Y}" if span_days > 200 else f"{day:%-d %b}"
