from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from apps.accounts.forms import EmailTakenMeanwhile, SettingsForm
from apps.accounts.models import timezone_names


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SettingsForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, "Settings saved.")
            return redirect("settings")
    else:
        form = SettingsForm(instance=request.user)
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "timezone_names": sorted(timezone_names())},
    )


class SignupView(AllauthSignupView):
    """allauth's sign-up page, which shows the form again when the address was registered by
    another sign-up between this one's validation and its save (the form says so)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EmailTakenMeanwhile:
            return self.form_invalid(form)
