"""The main pages the performance budget covers, found by URL name, and what each needs from a
runner's history (a draft for the player, a finished session for the session page).

bench/pages.py measures them; tests/performance/test_query_counts.py asserts their query counts.
A page whose URL name does not resolve yet is reported as missing, never guessed at.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from apps.accounts.models import User
from apps.training.models import TrainingSession

BASELINE = "baseline"


@dataclass(frozen=True)
class Runner:
    """A signed-in runner and the objects of their history that pages take as arguments."""

    user: User
    draft_id: int | None
    session_id: int | None
    today: dt.date

    @classmethod
    def of(cls, user: User) -> "Runner":
        sessions = TrainingSession.objects.filter(user=user).order_by("-started_at")
        return cls(
            user=user,
            draft_id=sessions.filter(finished_at=None).values_list("pk", flat=True).first(),
            session_id=sessions.exclude(finished_at=None).values_list("pk", flat=True).first(),
            today=dt.datetime.now(tz=user.zone).date(),
        )


def _nothing(runner: Runner) -> dict:
    return {}


@dataclass(frozen=True)
class Page:
    label: str
    url_names: tuple[str, ...]
    kwargs: Callable[[Runner], dict | None] = _nothing
    query: Callable[[Runner], dict] = _nothing
    api: bool = False
    # Measured right after a change to the runner's history (the cache must recompute): shown
    # for information, not held to the targets.
    after_change: bool = False
    notes: str = field(default="", compare=False)

    def url(self, runner: Runner) -> str | None:
        """The page's URL for this runner, or None when the page does not exist (yet) or the
        runner has nothing it could show (no draft, no session)."""
        kwargs = self.kwargs(runner)
        if kwargs is None:
            return None
        for name in self.url_names:
            try:
                path = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            query = self.query(runner)
            return f"{path}?{urlencode(query)}" if query else path
        return None


def _draft(runner: Runner) -> dict | None:
    return None if runner.draft_id is None else {"pk": runner.draft_id}


def _session(runner: Runner) -> dict | None:
    return None if runner.session_id is None else {"pk": runner.session_id}


def _last_year(runner: Runner) -> dict:
    start = runner.today - dt.timedelta(days=364)
    return {"from": start.isoformat(), "to": runner.today.isoformat()}


PAGES = [
    Page(BASELINE, ("bench_baseline",), notes="the base template, signed in, nothing else"),
    Page("home", ("home",)),
    Page("routine", ("exercises:routine",)),
    Page("exercise", ("exercises:detail",), kwargs=lambda runner: {"slug": "squat"}),
    Page("player (draft)", ("training:player",), kwargs=_draft),
    Page("history p1", ("training:history",)),
    Page("session", ("training:session_detail",), kwargs=_session),
    Page("progress", ("progress:overview",)),
    Page("api sessions", ("v1:session-list", "api:v1:session-list"), api=True),
    Page("api sets", ("v1:set-list", "api:v1:set-list"), api=True),
    Page(
        "api weeks (1 year)",
        ("v1:progress-weeks", "v1:progress_weeks", "api:v1:progress-weeks"),
        query=_last_year,
        api=True,
    ),
    Page(
        "api summary",
        ("v1:progress-summary", "v1:progress_summary", "api:v1:progress-summary"),
        api=True,
    ),
    Page("home (after a change)", ("home",), after_change=True),
    Page("progress (after a change)", ("progress:overview",), after_change=True),
    Page("api summary (after a change)", ("v1:progress-summary",), api=True, after_change=True),
]
