from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.reminders import services
from apps.reminders.feed import calendar_feed
from apps.reminders.forms import ReminderSettingsForm
from apps.reminders.models import ReminderSettings


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    reminder_settings = services.reminder_settings_of(request.user)
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST, instance=reminder_settings)
        if form.is_valid():
            services.reminders_update(
                user=request.user,
                **{name: form.cleaned_data[name] for name in ReminderSettings.FORM_FIELDS},
            )
            messages.success(request, "Reminders saved.")
            return redirect("reminders:settings")
    else:
        form = ReminderSettingsForm(instance=reminder_settings)
    return render(
        request,
        "reminders/settings.html",
        {"form": form, "feed_url": feed_url(request, reminder_settings)},
    )


@login_required
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    services.feed_secret_reset(user=request.user)
    messages.success(request, "The feed has a new address: the old one no longer works.")
    return redirect("reminders:settings")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed, opened by calendar apps without a session: the token is the key."""
    reminder_settings = get_object_or_404(
        ReminderSettings.objects.select_related("user"), feed_token=token, feed_enabled=True
    )
    body = calendar_feed(
        reminder_settings, now=timezone.now(), site=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="legwork.ics"'
    # The address is a secret: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=900"
    return response


# Mail clients send the one-click unsubscribe (RFC 8058) as a plain POST with no CSRF token,
# and the signed token in the URL is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a link scanner must not unsubscribe anyone); POST turns it off."""
    if request.method == "POST":
        reminder_settings = services.unsubscribe(token)
    else:
        reminder_settings = services.unsubscribe_target(token)
    if reminder_settings is None:
        raise Http404("This unsubscribe link is not valid.")
    return render(
        request,
        "reminders/unsubscribe.html",
        {"done": request.method == "POST", "email": reminder_settings.user.email},
    )


def feed_url(request: HttpRequest, reminder_settings: ReminderSettings) -> str | None:
    if not reminder_settings.feed_enabled:
        return None
    path = reverse("reminders:feed", kwargs={"token": reminder_settings.feed_token})
    return request.build_absolute_uri(path)
