"""The training pages: Train (start or resume), the session player, finish and abandon, log a
past session, history, a session's page and its edits. Thin: each view validates a form, calls
a service or a selector, and renders or redirects (POST-redirect-GET). The player's forms also
answer fetch() with JSON, so static/js/player.js can save in place and replay changes queued
offline, each applied once by its idempotency key (replays.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from apps.accounts.units import plain_number
from apps.core.prepared import prepared
from apps.exercises.models import Exercise, RoutineSlot
from apps.exercises.selectors import routine_exercises
from apps.progress import caching, rules
from apps.training import selectors, services
from apps.training.forms import (
    PastSessionForm,
    SessionDetailsForm,
    SessionEditForm,
    SetForm,
    set_inputs,
)
from apps.training.models import SetEntry, TrainingSession
from apps.training.replays import answers_gone_in_json, applied_once, wants_json

HISTORY_PAGE_SIZE = 20
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
    session = _own_session(request, pk)
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
    session = _own_draft(request, pk)
    exercise = _routine_exercise(request, exercise_id)
    sides = _sides(exercise)
    form = SetForm(
        request.POST,
        prefix=_prefix(exercise, number),
        exercise=exercise,
        unit=request.user.unit,
        sides=sides,
    )
    if not (1 <= number <= 50):
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
    session = _own_draft(request, pk)
    exercise = _routine_exercise(request, exercise_id)
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
    session = _own_draft(request, pk)
    exercise = _routine_exercise(request, exercise_id)
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
    session = _own_draft(request, pk)
    slot = get_object_or_404(RoutineSlot, pk=slot_id, routine_id=session.routine_id)
    exercise_id = request.POST.get("exercise", "")
    # Only a plain id reaches the query: junk, or a number too big for the column, is no pick.
    exercise = (
        Exercise.objects.filter(pk=int(exercise_id)).first()
        if exercise_id.isdecimal() and len(exercise_id) <= 9
        else None
    )
    if exercise is None:
        error = ValidationError("Pick one of the options.")
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
    session = _own_draft(request, pk)
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
@answers_gone_in_json
@applied_once
def finish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
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
        return redirect(session)
    if request.method == "POST" and wants_json(request):
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    player = selectors.session_progress(session=session, user=request.user)
    return render(
        request, "training/finish.html", {"session": session, "form": form, "player": player}
    )


@login_required
def abandon(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
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
    plan = selectors.past_session_plan(request.user, choice=request.GET)
    unit = request.user.unit
    data = request.POST if request.method == "POST" else None
    form = PastSessionForm(
        data, initial={"started_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    rows = _past_rows(plan, data, unit)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for *_, f in rows):
        sets = [
            services.SetInput(
                exercise=move.exercise,
                set_number=row.number,
                side=side,
                **set_form.values(side),
            )
            for move, row, set_form in rows
            for side in set_form.sides
            if set_form.cleaned_data.get("done")
        ]
        try:
            session = services.session_log_past(user=request.user, sets=sets, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Past session saved.")
            return redirect(session)
    moves = _group_rows(rows)
    return render(
        request,
        "training/log_past.html",
        {"form": form, "moves": moves, "has_errors": request.method == "POST"},
    )


@login_required
def history(request: HttpRequest) -> HttpResponse:
    def body() -> str:
        paginator = Paginator(selectors.history_sessions(request.user), HISTORY_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        rows = selectors.history_rows(request.user, page.object_list)
        return render_to_string(
            "training/_history.html", {"page": page, "rows": rows}, request=request
        )

    # Cached until the runner's history changes (apps/progress/caching.py).
    html = caching.cached(request.user, "history-page", body, request.GET.get("page", ""))
    return render(request, "training/history.html", {"body": mark_safe(html)})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.history_sessions(request.user), pk=pk)

    def body() -> str:
        row = selectors.history_rows(request.user, [session])[0]
        groups = selectors.session_sets(session)
        context = {"session": session, "row": row, "groups": groups}
        return render_to_string("training/_session_detail.html", context, request=request)

    # Cached until the runner's history changes (apps/progress/caching.py).
    html = caching.cached(request.user, "session-page", body, session.pk)
    local_date = rules.local_date(session.started_at, request.user.zone)
    return render(
        request,
        "training/session_detail.html",
        {"session": session, "local_date": local_date, "body": mark_safe(html)},
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _own_session(request, pk)
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
    session = _own_session(request, pk)
    if request.method == "POST":
        services.session_delete(session=session)
        messages.success(request, "Session deleted.")
        return redirect("training:history")
    return render(request, "training/session_delete.html", {"session": session})


@login_required
def set_edit(request: HttpRequest, pk: int, set_pk: int) -> HttpResponse:
    session = _own_session(request, pk)
    entry = get_object_or_404(session.sets.select_related("exercise"), pk=set_pk)
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


def _own_session(request: HttpRequest, pk: int) -> TrainingSession:
    """The one way to a session: the signed-in runner's own, or 404."""
    session = next(_session_of(session_id=pk, user_id=request.user.pk), None)
    if session is None:
        raise Http404("No such session.")
    session.user = request.user
    return session


@prepared
def _session_of(session_id: int, user_id: int) -> QuerySet[TrainingSession]:
    # Compiled once (apps/core/prepared.py): every training page starts with this read.
    return TrainingSession.objects.filter(pk=session_id, user_id=user_id)


def _own_draft(request: HttpRequest, pk: int) -> TrainingSession:
    """A runner's draft; a finished session's sets are edited from its page in history."""
    return get_object_or_404(
        TrainingSession.objects.select_related("user"),
        pk=pk,
        user=request.user,
        finished_at__isnull=True,
    )


def _routine_exercise(request: HttpRequest, exercise_id: int) -> Exercise:
    return get_object_or_404(
        Exercise.objects.filter(Q(owner__isnull=True) | Q(owner=request.user)), pk=exercise_id
    )


def _sides(exercise: Exercise) -> list[str]:
    return [SetEntry.Side.LEFT, SetEntry.Side.RIGHT] if exercise.per_side else [""]


def _prefix(exercise: Exercise, number: int) -> str:
    return f"m{exercise.pk}-s{number}"


def _player_url(session: TrainingSession, exercise: Exercise) -> str:
    """Back to the player with this move open, scrolled to it."""
    query = urlencode({"move": exercise.slug})
    player = reverse("training:player", kwargs={"pk": session.pk})
    return f"{player}?{query}#{selectors.move_anchor(exercise)}"


def _render_player(
    request: HttpRequest,
    session: TrainingSession,
    *,
    move: str | None = None,
    bound: SetForm | None = None,
) -> HttpResponse:
    state = selectors.player_state(session=session, user=request.user, move=move)
    unit = request.user.unit
    # Plain values for the template's hand-written inputs: no form per row (docs/performance.md).
    opened = state.open_move
    if opened is not None:
        sides = _sides(opened.exercise)
        for row in opened.rows:
            prefix = _prefix(opened.exercise, row.number)
            form = bound if bound is not None and bound.prefix == prefix else None
            row.prefix = prefix
            row.action = reverse(
                "training:set_save", args=[session.pk, opened.exercise.pk, row.number]
            )
            row.non_field_errors = list(form.non_field_errors()) if form is not None else []
            row.inputs = set_inputs(
                exercise=opened.exercise,
                unit=unit,
                sides=sides,
                prefix=prefix,
                initial=SetForm.initial_for(opened.exercise, unit, row.cells)
                if form is None
                else None,
                form=form,
            )
    return render(request, "training/player.html", {"player": state, "session": session})


def _set_state(session: TrainingSession, form: SetForm) -> dict:
    rest_ends_at = session.rest_ends_at
    return {
        "saved": True,
        "done": bool(form.cleaned_data.get("done")),
        "rest_ends_at": int(rest_ends_at.timestamp() * 1000) if rest_ends_at else None,
        "rest_seconds": session.user.rest_timer_seconds,
        "now": int(timezone.now().timestamp() * 1000),
    }


def _finished_state(session: TrainingSession) -> dict:
    return {"saved": True, "finished": True, "url": session.get_absolute_url()}


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


def _past_rows(plan, data, unit: str) -> list[tuple]:
    """(move, row, SetForm) for every row of the past-session form; rows start not done."""
    return [
        (
            move,
            row,
            SetForm(
                data,
                prefix=_prefix(move.exercise, row.number),
                exercise=move.exercise,
                unit=unit,
                sides=_sides(move.exercise),
                initial={**SetForm.initial_for(move.exercise, unit, row.cells), "done": False},
            ),
        )
        for move in plan
        for row in move.rows
    ]


def _group_rows(rows):
    groups: dict[int, dict] = {}
    for move, row, form in rows:
        group = groups.setdefault(move.exercise.pk, {"move": move, "rows": []})
        row.form = form
        group["rows"].append(row)
    return list(groups.values())
