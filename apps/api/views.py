"""The settings page for personal API tokens: create a named token (its secret shown once),
list them, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.api import services
from apps.api.forms import TokenForm
from apps.api.models import ApiToken


@never_cache
@login_required
def tokens_page(request: HttpRequest) -> HttpResponse:
    secret = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                _token, secret = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    form_nonce=form.cleaned_data["nonce"],
                )
            except services.TokenAlreadyCreated:
                messages.info(request, "That token was created already: it is in the list.")
                return redirect("api:tokens")
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                # No redirect: the secret exists only in this response, never in a session or
                # log.
                form = TokenForm()
    else:
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=request.user),
            "api_root": request.build_absolute_uri("/api/v1/"),
        },
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _own_token(request, pk)
    services.token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked. Scripts using it stop working now.")
    return redirect("api:tokens")


def _own_token(request: HttpRequest, pk: int) -> ApiToken:
    return get_object_or_404(ApiToken, pk=pk, user=request.user)
