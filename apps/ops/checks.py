"""Deploy checks Django cannot know about (`manage.py check --deploy` runs them)."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

CSP_MIDDLEWARE = "apps.ops.middleware.ContentSecurityPolicyMiddleware"
INLINE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"}
SCRIPT_AND_STYLE = ("default-src", "script-src", "style-src")
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, deploy=True)
def check_secret_key_is_set(app_configs, **kwargs):
    # Django's own W009 only catches short or "django-insecure" keys; our local default is
    # neither, so name it here.
    if settings.SECRET_KEY.startswith("insecure-local-only"):
        return [
            CheckWarning(
                "DJANGO_SECRET_KEY is not set: sessions and password-reset links are signed "
                "with a key that is public in the source code.",
                hint="Set DJANGO_SECRET_KEY to a long random value (docs/production.md).",
                id="legwork.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_content_security_policy(app_configs, **kwargs):
    if CSP_MIDDLEWARE not in settings.MIDDLEWARE:
        return [
            CheckWarning(
                "No Content-Security-Policy header is sent.",
                hint=f"Add {CSP_MIDDLEWARE} to MIDDLEWARE.",
                id="legwork.W002",
            )
        ]
    policy = getattr(settings, "LEGWORK_CSP", {})
    loose = sorted(
        f"{directive} {source}"
        for directive in SCRIPT_AND_STYLE
        for source in policy.get(directive, [])
        if source in INLINE_SOURCES
    )
    if "default-src" not in policy or loose:
        return [
            CheckWarning(
                "The Content-Security-Policy allows inline or foreign scripts or styles"
                + (f": {', '.join(loose)}." if loose else " (no default-src)."),
                hint="Keep JS and CSS in static files and LEGWORK_CSP strict.",
                id="legwork.W003",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            CheckWarning(
                "The cache lives inside each worker process, so allauth's login rate limits "
                "are counted per worker, not per site.",
                hint="Set REDIS_URL (docs/production.md).",
                id="legwork.W004",
            )
        ]
    return []
