"""The training pages: Train (start or resume), the session player, finish and abandon, log a
past session, history, a session's page and its edits. Thin: each view validates a form, calls
a service or a selector, and renders or redirects (POST-redirect-GET). The player's forms also
answer fetch() with JSON, so static/js/player.js can save in place and replay changes queued
offline, each applied once by its idempotency key (replays.py)."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from apps.accounts.units import plain_number
from apps.exercises.models import Exercise, RoutineSlot
from apps.exercises.selectors import routine_exercises
from apps.training import caching, calendar, selectors, services
from apps.training.forms import PastSessionForm, SessionDetailsForm, SessionEditForm, SetForm
from apps.training.models import MAX_SET_NUMBER, TrainingSession
from apps.training.ownership import (
    draft_owned_or_404,
    exercise_visible_by_slug,
    exercise_visible_or_404,
    session_owned_or_404,
    set_owned_or_404,
)
from apps.training.player import move_anchor, past_session_plan, player_state, session_progress
from apps.training.replays import answers_gone_in_json, applied_once, wants_json

HISTORY_PAGE_SIZE = 20
MAX_PAGE_DIGITS = 9
# The rest timer's "+30 s".
REST_EXTRA_SECONDS = 30
TRUE_VALUES = {"true", "1", "on", "yes"}


@login_required
def train(request: HttpRequest) -> HttpResponse:
    """Train: resume the open draft, or offer to start (with the back-to-back warning)."""
    draft = selectors.draft_session(request.user)
    if draft is not None:
        return redirect("training:player", pk=draft.pk)
    advice = selectors.start_advice(request.user)
    return render(request, "training/train.html", {"advice": advice})


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    session, created = services.session_start(user=request.user)
    if not created:
        messages.info(request, "You have a session in progress: here it is.")
    return redirect("training:player", pk=session.pk)


@login_required
def player(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)
    if not session.is_draft:
        return redirect(session)
    return _render_player(request, session, move=request.GET.get("move"))


@login_required
@require_POST
@answers_gone_in_json
@applied_once
def set_save(request: HttpRequest, pk: int, exercise_id: int, number: int) -> HttpResponse:
    """Saves one set row (both sides of a per-side move). Plain POST redirects back to the move;
    fetch() gets JSON: the saved state, or the field errors with a 400."""
    session = draft_owned_or_404(request.user, pk)
    exercise = exercise_visible_or_404(request.user, exercise_id)
    sides = exercise.sides
    form = SetForm(
        request.POST,
        prefix=SetForm.prefix_for(exercise, number),
        exercise=exercise,
        unit=request.user.unit,
        sides=sides,
    )
    if not (1 <= number <= MAX_SET_NUMBER):
        form.add_error(None, "That set number is out of range.")
    if form.is_valid():
        try:
            services.set_row_log(
                session=session,
                exercise=exercise,
                set_number=number,
                sides={side: form.values(side) for side in sides},
            )
        except ValidationError as error:
            _add_errors(form, error)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        return _render_player(request, session, move=exercise.slug, bound=form)
    if wants_json(request):
        return JsonResponse(_set_state(session, form))
    return redirect(_player_url(session, exercise))


@login_required
@require_POST
@answers_gone_in_json
@applied_once
def set_add(request: HttpRequest, pk: int, exercise_id: int) -> HttpResponse:
    session = draft_owned_or_404(request.user, pk)
    exercise = exercise_visible_or_404(request.user, exercise_id)
    try:
        entries = services.set_add(session=session, exercise=exercise)
    except ValidationError as error:
        if wants_json(request):
            return JsonResponse({"errors": {"__all__": _json_messages(error)}}, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        if wants_json(request):
            return JsonResponse({"saved": True, "set_number": entries[0].set_number})
    return redirect(_player_url(session, exercise))


@login_required
@require_POST
@answers_gone_in_json
@applied_once
def move_skip(request: HttpRequest, pk: int, exercise_id: int) -> HttpResponse:
    session = draft_owned_or_404(request.user, pk)
    exercise = exercise_visible_or_404(request.user, exercise_id)
    skipped = request.POST.get("skipped", "true").lower() in TRUE_VALUES
    services.move_skip(session=session, exercise=exercise, skipped=skipped)
    if wants_json(request):
        return JsonResponse({"saved": True, "skipped": skipped})
    return redirect(_player_url(session, exercise))


@login_required
@require_POST
@answers_gone_in_json
@applied_once
def slot_choose(request: HttpRequest, pk: int, slot_id: int) -> HttpResponse:
    session = draft_owned_or_404(request.user, pk)
    slot = get_object_or_404(RoutineSlot, pk=slot_id, routine_id=session.routine_id)
    exercise_id = request.POST.get("exercise", "")
    # Only a plain id reaches the query: junk, or a number too big for the column, is no pick.
    # Another runner's move is looked up as if it did not exist, so no answer can name it.
    exercise = (
        Exercise.objects.visible_to(request.user).filter(pk=int(exercise_id)).first()
        if exercise_id.isdecimal() and len(exercise_id) <= 9
        else None
    )
    if exercise is None:
        error = ValidationError(services.NO_SUCH_OPTION)
    else:
        try:
            services.slot_choose(user=request.user, slot=slot, exercise=exercise)
        except ValidationError as refused:
            error = refused
        else:
            if wants_json(request):
                return JsonResponse({"saved": True, "url": _player_url(session, exercise)})
            return redirect(_player_url(session, exercise))
    if wants_json(request):
        return JsonResponse({"errors": {"__all__": _json_messages(error)}}, status=400)
    messages.error(request, " ".join(error.messages))
    return redirect("training:player", pk=session.pk)


@login_required
@require_POST
@answers_gone_in_json
@applied_once
def warmup(request: HttpRequest, pk: int) -> HttpResponse:
    session = draft_owned_or_404(request.user, pk)
    done = request.POST.get("done", "true").lower() in TRUE_VALUES
    services.warmup_mark(session=session, done=done)
    if wants_json(request):
        return JsonResponse({"warmup_done": session.warmup_done})
    if done:
        # On to the first move not finished yet.
        return redirect("training:player", pk=session.pk)
    warm_up = routine_exercises().filter(role=Exercise.Role.WARM_UP).first()
    if warm_up is None:
        return redirect("training:player", pk=session.pk)
    return redirect(_player_url(session, warm_up))


@login_required
@require_POST
def rest(request: HttpRequest, pk: int) -> HttpResponse:
    """The rest timer's "+30 s" and "Skip"."""
    session = draft_owned_or_404(request.user, pk)
    add_seconds = REST_EXTRA_SECONDS if request.POST.get("change") == "add" else None
    services.rest_change(session=session, add_seconds=add_seconds)
    if wants_json(request):
        return JsonResponse(_rest_state(session))
    exercise = exercise_visible_by_slug(request.user, request.POST.get("move", ""))
    if exercise is None:
        return redirect("training:player", pk=session.pk)
    return redirect(_player_url(session, exercise))


@login_required
@answers_gone_in_json
@applied_once
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)
    if not session.is_draft:
        # Finishing twice does nothing the second time.
        if request.method == "POST" and wants_json(request):
            return JsonResponse(_finished_state(session))
        return redirect(session)
    form = SessionDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.session_finish(session=session, **form.cleaned_data)
        messages.success(request, "Session finished and saved. Well done.")
        if wants_json(request):
            return JsonResponse(_finished_state(session))
        # The runner lands on their week: what this session did for it, and the next day.
        return redirect("home")
    if request.method == "POST" and wants_json(request):
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    player = session_progress(session=session, user=request.user)
    return render(
        request, "training/finish.html", {"session": session, "form": form, "player": player}
    )


@login_required
def abandon(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)
    if not session.is_draft:
        return redirect(session)
    if request.method == "POST":
        services.session_abandon(session=session)
        messages.success(request, "Session abandoned: it and its sets are deleted.")
        return redirect("training:train")
    return render(request, "training/abandon.html", {"session": session})


@login_required
def log_past(request: HttpRequest) -> HttpResponse:
    """A session trained without the phone: when, then the same set rows as the player, saved
    finished in one go."""
    data = request.POST if request.method == "POST" else None
    moves = past_session_plan(request.user, choice=request.GET, data=data)
    form = PastSessionForm(
        data, initial={"started_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    forms = [row.form for move in moves for row in move.rows]
    if data is not None and form.is_valid() and all(f.is_valid() for f in forms):
        sets = [
            services.SetInput(
                exercise=set_form.exercise,
                set_number=row.number,
                side=side,
                **set_form.values(side),
            )
            for move in moves
            for row in move.rows
            if (set_form := row.form).cleaned_data.get("done")
            for side in set_form.sides
        ]
        try:
            session = services.session_log_past(user=request.user, sets=sets, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Past session saved.")
            return redirect(session)
    return render(
        request,
        "training/log_past.html",
        {"form": form, "moves": moves, "has_errors": data is not None},
    )


@login_required
def history(request: HttpRequest) -> HttpResponse:
    number = _page_number(request.GET.get("page"))
    paginator = Paginator(selectors.history_sessions(request.user), HISTORY_PAGE_SIZE)

    def body() -> str:
        page = paginator.page(number)
        rows = selectors.history_rows(request.user, page.object_list)
        return render_to_string(
            "training/_history.html", {"page": page, "rows": rows}, request=request
        )

    # Cached until the runner's history changes (apps/training/caching.py), one entry per page
    # that exists: a page past the end is sent to the last one, and is never cached.
    try:
        html = caching.cached(request.user, "history-page", body, number)
    except EmptyPage:
        return redirect(f"{reverse('training:history')}?page={paginator.num_pages}")
    return render(request, "training/history.html", {"body": mark_safe(html)})


def _page_number(raw: str | None) -> int:
    """The page asked for, as a number: "01" and "1" are one page, so one cache entry. Anything
    but digits is the first page; more digits than any history has pages is past the end."""
    if not raw or not re.fullmatch(r"[0-9]+", raw):
        return 1
    return max(int(raw), 1) if len(raw) <= MAX_PAGE_DIGITS else 10**MAX_PAGE_DIGITS


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)

    def body() -> str:
        row = selectors.history_rows(request.user, [session])[0]
        groups = selectors.session_sets(session)
        context = {"session": session, "row": row, "groups": groups}
        return render_to_string("training/_session_detail.html", context, request=request)

    # Cached until the runner's history changes (apps/training/caching.py).
    html = caching.cached(request.user, "session-page", body, session.pk)
    local_date = calendar.local_date(session.started_at, request.user.zone)
    return render(
        request,
        "training/session_detail.html",
        {"session": session, "local_date": local_date, "body": mark_safe(html)},
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)
    form = SessionEditForm(request.POST or None, initial=SessionEditForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Session updated.")
            return redirect(session)
    return render(request, "training/session_edit.html", {"session": session, "form": form})


@login_required
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)
    if request.method == "POST":
        services.session_delete(session=session)
        messages.success(request, "Session deleted.")
        return redirect("training:history")
    return render(request, "training/session_delete.html", {"session": session})


@login_required
def set_edit(request: HttpRequest, pk: int, set_pk: int) -> HttpResponse:
    session = session_owned_or_404(request.user, pk)
    entry = set_owned_or_404(request.user, set_pk, session=session)
    unit = request.user.unit
    initial = {SetForm.value_field(entry.side): getattr(entry, entry.exercise.measure)}
    initial["done"] = entry.done
    if entry.load_kg is not None:
        initial["load"] = plain_number(entry.load_kg, unit)
    form = SetForm(
        request.POST or None,
        exercise=entry.exercise,
        unit=unit,
        sides=[entry.side],
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_update(entry=entry, **form.values(entry.side))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Set updated.")
            return redirect(session)
    return render(
        request, "training/set_edit.html", {"session": session, "entry": entry, "form": form}
    )


# Helpers -------------------------------------------------------------------------------------


def _player_url(session: TrainingSession, exercise: Exercise) -> str:
    """Back to the player with this move open, scrolled to it."""
    query = urlencode({"move": exercise.slug})
    player = reverse("training:player", kwargs={"pk": session.pk})
    return f"{player}?{query}#{move_anchor(exercise)}"


def _render_player(
    request: HttpRequest,
    session: TrainingSession,
    *,
    move: str | None = None,
    bound: SetForm | None = None,
) -> HttpResponse:
    state = player_state(session=session, user=request.user, move=move, bound=bound)
    return render(request, "training/player.html", {"player": state, "session": session})


def _set_state(session: TrainingSession, form: SetForm) -> dict:
    return {
        "saved": True,
        "done": bool(form.cleaned_data.get("done")),
        "warmup_done": session.warmup_done,
        **_rest_state(session),
    }


def _rest_state(session: TrainingSession) -> dict:
    rest_ends_at = session.rest_ends_at
    return {
        "rest_ends_at": int(rest_ends_at.timestamp() * 1000) if rest_ends_at else None,
        "rest_seconds": session.user.rest_timer_seconds,
        "now": int(timezone.now().timestamp() * 1000),
    }


def _finished_state(session: TrainingSession) -> dict:
    # The runner lands on their week, as after a plain POST.
    return {"saved": True, "finished": True, "url": reverse("home")}


def _json_messages(error: ValidationError) -> list[dict]:
    """A service's refusal in the shape of a form's get_json_data()."""
    return [{"message": message, "code": ""} for message in error.messages]


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal, shown beside the form's field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)
