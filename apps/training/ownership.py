"""The one way in to a runner's training objects by id, for the pages and the API alike: each
helper filters by the runner at the query (docs/design.md, "Conventions"), so another runner's id
is a 404, never their data. In the API, Django's 404 becomes the API's JSON error
(apps/api/exceptions.py)."""

import re

from django.db.models import F, QuerySet
from django.http import Http404

from apps.accounts.models import User
from apps.exercises.models import Exercise
from apps.training.models import SetEntry, TrainingSession

_SLUG = re.compile(rf"[-a-zA-Z0-9_]{{1,{Exercise._meta.get_field('slug').max_length}}}")


def owned_sessions(user: User) -> QuerySet[TrainingSession]:
    """The runner's sessions, drafts and finished: what the helpers below and the API's
    session fields look ids up in."""
    return TrainingSession.objects.filter(user=user)


def session_owned_or_404(user: User, pk: int | str) -> TrainingSession:
    """One of the runner's sessions (a draft or a finished one)."""
    session = _one(owned_sessions(user), pk, "No such session.")
    # The runner is known: reading session.user costs no query.
    session.user = user
    return session


def draft_owned_or_404(user: User, pk: int | str) -> TrainingSession:
    """One of the runner's drafts: a finished session's sets are edited from its page in
    history, not from the player."""
    drafts = owned_sessions(user).filter(finished_at__isnull=True)
    session = _one(drafts, pk, "No such session in progress.")
    session.user = user
    return session


def set_owned_or_404(
    user: User, pk: int | str, *, session: TrainingSession | None = None
) -> SetEntry:
    """One set of the runner's sessions (of `session`, when given), with its exercise."""
    sets = SetEntry.objects.filter(session__user=user).select_related("exercise")
    if session is not None:
        sets = sets.filter(session=session)
    return _one(sets, pk, "No such set.")


def exercise_visible_or_404(user: User, pk: int | str) -> Exercise:
    """A move the runner may log: one of the routine's, or one of their own imported ones."""
    return _one(Exercise.objects.visible_to(user), pk, "No such move.")


def exercise_visible_by_slug(user: User, slug: str) -> Exercise | None:
    """A move the runner may log, by slug: the routine's when one of their own imported moves
    has the same slug. Text that is no slug (a NUL byte, which PostgreSQL refuses in a query,
    or anything too long for the column) finds nothing."""
    if not _SLUG.fullmatch(slug or ""):
        return None
    return (
        Exercise.objects.visible_to(user)
        .filter(slug=slug)
        .order_by(F("owner_id").asc(nulls_first=True))
        .first()
    )


def exercise_visible_by_slug_or_404(user: User, slug: str) -> Exercise:
    exercise = exercise_visible_by_slug(user, slug)
    if exercise is None:
        raise Http404("No move with that slug.")
    return exercise


def _one(queryset: QuerySet, pk: int | str, message: str):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(message)
    return found
