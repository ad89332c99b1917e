import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from apps.exercises import selectors as exercise_selectors
from apps.progress import charts, selectors, wording
from apps.training import caching
from apps.training import selectors as training_selectors

# ?span=all on the progress page draws each move's whole history instead of the last year.
SPANS = {"year": "Last 12 months", "all": "All time"}


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(
            request,
            "progress/landing.html",
            {"routine": exercise_selectors.routine_page()},
        )
    user = request.user
    summary = caching.cached(user, "home-summary", lambda: selectors.home_summary(user))
    # One tap in: home's button resumes the open session, or starts one.
    draft = training_selectors.draft_session(user)
    trained_today = summary.next_day.last_session == summary.today
    return render(
        request,
        "progress/home.html",
        {"summary": summary, "draft": draft, "trained_today": trained_today},
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    span = request.GET.get("span") if request.GET.get("span") in SPANS else "year"
    # Computed from the whole history: cached until the history changes
    # (apps/training/caching.py). The rendered template is a SafeString, and stays one through
    # the cache (it is pickled).
    body = caching.cached(
        request.user,
        "progress-page",
        lambda: render_to_string(
            "progress/_overview.html", _overview_context(request.user, span), request=request
        ),
        span,
    )
    return render(request, "progress/overview.html", {"body": body})


def _overview_context(user, span: str) -> dict:
    if span == "all":
        progress = selectors.progress_overview(user, series_since=None)
    else:
        progress = selectors.progress_overview(user)
    year_ago = progress.today - dt.timedelta(weeks=selectors.HEATMAP_WEEKS)
    moves = []
    for move in progress.moves:
        since = progress.series_since or min([year_ago, *(best.day for best in move.best_sets[:1])])
        latest = move.latest
        moves.append(
            {
                "move": move,
                "chart": charts.move_chart(
                    move.best_sets, move.measure, user.unit, since=since, today=progress.today
                ),
                "latest": latest and wording.best_set_text(latest, move.measure, user.unit),
                "best": wording.best_ever_text(move.best_ever, move.measure, user.unit),
                "next": wording.suggestion_text(move.suggestion, user.unit),
            }
        )
    return {
        "progress": progress,
        # A move's chart once it has two points or more; the others wait in a short list that
        # says when theirs will come (charts.MIN_CHART_POINTS).
        "charted_moves": [item for item in moves if item["chart"].is_drawn],
        "waiting_moves": [item for item in moves if not item["chart"].is_drawn],
        # Three rows of weeks fit a phone, one row a desktop; CSS shows one of the two.
        "heatmaps": [
            charts.heatmap_chart(progress.heatmap, user.week_start, bands=3),
            charts.heatmap_chart(progress.heatmap, user.week_start, bands=1),
        ],
        "long_break_rule": wording.LONG_BREAK_RULE,
        "span": span,
        "span_label": SPANS[span],
        "other_span": "all" if span == "year" else "year",
    }
