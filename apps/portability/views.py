import time

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.models import timezone_names
from apps.portability import exporting, services, uploads
from apps.portability.forms import (
    DeleteAccountForm,
    ExerciseChoicesForm,
    ImportForm,
    ImportTimezoneForm,
    SizeLimitedUpload,
)
from apps.portability.ownership import pending_import_owned_or_404
from apps.portability.reading import MAX_IMPORT_BYTES, size_message, supported_formats
from apps.portability.records import FileRejected
from apps.training.models import TrainingSession
from apps.training.ownership import owned_sessions


@login_required
@require_GET
def export_page(request: HttpRequest) -> HttpResponse:
    return render(request, "portability/export.html", {"columns": exporting.CSV_COLUMNS})


@login_required
@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _download(request, exporting.csv_lines(request.user), "csv", "text/csv; charset=utf-8")


@login_required
@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    return _download(
        request, exporting.json_chunks(request.user), "json", "application/json; charset=utf-8"
    )


@login_required
@csrf_exempt
def import_upload(request: HttpRequest) -> HttpResponse:
    # Both limits go in before anything reads the body (CSRF checking does): a body declared
    # too large is refused on its headers, unread; a body that grows past the limit while read
    # is stopped there. Either way nothing is kept in memory or written to disk. CSRF is checked
    # right after; a refusal on the headers changes nothing, so it needs no token.
    refused = uploads.refusal_before_reading(request) if request.method == "POST" else None
    if refused:
        form = ImportForm(
            {"unit": request.user.unit, "warmups": "keep"}, {}, refusal=refused.message
        )
        form.is_valid()
        return _import_page(request, form, status=refused.status)
    limit = SizeLimitedUpload(request, MAX_IMPORT_BYTES)
    request.upload_handlers.insert(0, limit)
    return _import_upload(request, limit)


@csrf_protect
def _import_upload(request: HttpRequest, limit: "SizeLimitedUpload") -> HttpResponse:
    if request.method == "POST":
        data, files = request.POST, request.FILES  # reads the body, through the size limit
        too_large = limit.received_too_much
        form = ImportForm(data, files, refusal=size_message(too_large) if too_large else None)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                pending = services.import_preview(
                    user=request.user,
                    content=upload.read(),
                    filename=upload.name or "",
                    unit=form.cleaned_data["unit"],
                    keep_warmups=form.cleaned_data["warmups"] == "keep",
                    restore_profile=form.cleaned_data["restore_profile"],
                )
            except FileRejected as rejected:
                form.add_error("file", str(rejected))
            else:
                return redirect("portability:import_preview", pk=pending.pk)
    else:
        form = ImportForm(initial={"unit": request.user.unit})
    return _import_page(request, form)


def _import_page(request: HttpRequest, form: ImportForm, status: int = 200) -> HttpResponse:
    imported = (
        owned_sessions(request.user)
        .exclude(source=TrainingSession.Source.LEGWORK)
        .values("source")
        .annotate(sessions=Count("id"), first=Min("started_at"), last=Max("started_at"))
        .order_by("source")
    )
    labels = dict(TrainingSession.Source.choices)
    return render(
        request,
        "portability/import.html",
        {
            "form": form,
            "formats": supported_formats(),
            "imported": [{**row, "label": labels[row["source"]]} for row in imported],
        },
        status=status,
    )


@login_required
@require_GET
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    pending = pending_import_owned_or_404(request.user, pk, with_content=False)
    return _preview_page(request, pending, ExerciseChoicesForm(summary=pending.summary))


@login_required
@require_POST
def import_choose(request: HttpRequest, pk: int) -> HttpResponse:
    """The runner's choices for the file's exercise names: saved, and the preview shown again
    with what they import."""
    pending = pending_import_owned_or_404(request.user, pk, with_content=True)
    refused = _choose_exercises(request, pending)
    if refused:
        return refused
    messages.success(request, "Your choices are saved; the preview below follows them.")
    return redirect("portability:import_preview", pk=pending.pk)


@login_required
@require_POST
def import_timezone(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the file's times in another timezone; the preview is shown again."""
    pending = pending_import_owned_or_404(request.user, pk, with_content=True)
    zone_form = ImportTimezoneForm(request.POST)
    if not zone_form.is_valid():
        form = ExerciseChoicesForm(summary=pending.summary)
        return _preview_page(request, pending, form, zone_form=zone_form)
    try:
        services.import_change_timezone(
            user=request.user, pending=pending, timezone_name=zone_form.cleaned_data["timezone"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.message_dict["timezone"]))
        return redirect("portability:import_preview", pk=pending.pk)
    messages.success(request, f"The file's times are now read in {pending.timezone}.")
    return redirect("portability:import_preview", pk=pending.pk)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    pending = pending_import_owned_or_404(request.user, pk, with_content=True)
    # Choices that changed read the file before the step does: the step's time counts it.
    started = time.monotonic()
    refused = _choose_exercises(request, pending)
    if refused:
        return refused
    try:
        result = services.import_commit(user=request.user, pending=pending, started=started)
    except FileRejected as rejected:
        messages.error(request, str(rejected))
        return redirect("portability:import")
    if not result.finished:
        # A large file goes in steps: its preview page shows the progress and posts the next.
        return redirect("portability:import_preview", pk=pk)
    if result.interrupted:
        # Another tab finished or stopped it: this request wrote nothing more.
        messages.info(request, "This import is no longer under way; your history shows it.")
    else:
        messages.success(
            request,
            f"Imported {result.sessions} sessions and {result.sets} sets"
            + (f"; {result.already_imported} were already here" if result.already_imported else "")
            + ".",
        )
    return redirect("portability:import")


def _choose_exercises(request: HttpRequest, pending) -> HttpResponse | None:
    """Saves the exercise choices posted with the preview's form, if any; the preview page
    with the form's errors when they cannot be used, None when all is well."""
    form = ExerciseChoicesForm(request.POST, summary=pending.summary)
    # Once written in part, the import goes on as it was chosen.
    if pending.started or not form.is_bound_with_choices():
        return None
    if form.is_valid():
        try:
            services.import_choose_exercises(
                user=request.user, pending=pending, choices=form.choices()
            )
        except ValidationError as error:
            form.add_error(
                None, [message for messages in error.message_dict.values() for message in messages]
            )
        else:
            return None
    return _preview_page(request, pending, form)


def _preview_page(
    request: HttpRequest,
    pending,
    form: ExerciseChoicesForm,
    zone_form: ImportTimezoneForm | None = None,
) -> HttpResponse:
    timezone_name = pending.summary.get("timezone") or request.user.timezone
    return render(
        request,
        "portability/import_preview.html",
        {
            "pending": pending,
            "summary": pending.summary,
            "form": form,
            "zone_form": zone_form or ImportTimezoneForm(initial={"timezone": timezone_name}),
            "timezone_name": timezone_name,
            "timezone_names": sorted(timezone_names()),
        },
    )


@login_required
@require_POST
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    pending = pending_import_owned_or_404(request.user, pk, with_content=False)
    services.import_cancel(user=request.user, pending=pending)
    if pending.started:
        messages.info(
            request,
            f"Import stopped. The {pending.sessions_written} sessions written so far stay; "
            "upload the file again to import the rest (nothing is imported twice).",
        )
    else:
        messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("portability:import")


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not ratelimit.consume(
        request, action="delete_account", user=request.user
    ):
        # Refused before the password is checked, so a right guess past the limit says nothing.
        form = DeleteAccountForm(user=request.user)
        context = {"form": form, "too_many_attempts": True}
        return render(request, "portability/delete_account.html", context, status=429)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, "Your account and all your training data are deleted.")
        return redirect("home")
    return render(request, "portability/delete_account.html", {"form": form})


def _download(request: HttpRequest, chunks, extension: str, content_type: str):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    filename = exporting.export_filename(request.user, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
