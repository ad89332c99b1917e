"""Answers to a signed-in runner, or to a script with a token, are theirs alone: no browser or
shared cache may keep them (docs/production.md, "Caching")."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age, patch_cache_control


class PrivateAnswersMiddleware:
    """Adds `Cache-Control: private, no-store` to every answer to a request that carries a
    session cookie or an Authorization header, unless the view chose to let caches keep it
    (`public`, or a max-age: the app manifest). Judged by the credentials sent, not by who they
    turn out to be, so it costs no query and errs on the private side. Anonymous answers
    (the landing page, the routine, static files) keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _carries_credentials(request) and not _left_to_caches(response):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _carries_credentials(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "Authorization" in request.headers


def _left_to_caches(response: HttpResponse) -> bool:
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return "public" in directives or (get_max_age(response) or 0) > 0
