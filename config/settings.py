"""Legwork's settings: the one place that reads the environment.

Defaults are safe for a laptop (SQLite, console email, local-memory cache, debug on only when
asked). Production sets DJANGO_DEBUG=false, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, and
optionally DATABASE_URL, REDIS_URL and the SMTP variables; see README "Production checklist".
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items or any(char.isspace() or char == ";" for item in items for char in item):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list, not {value!r}")
    return items


DEBUG = env_bool("DJANGO_DEBUG", False)
_INSECURE_KEY = "insecure-local-only-key-set-DJANGO_SECRET_KEY-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or _INSECURE_KEY
if not DEBUG and SECRET_KEY == _INSECURE_KEY and env_bool("DJANGO_REQUIRE_SECRET_KEY", False):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Django first, then third-party apps, then ours: a reader sees at once what is Legwork's.
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
LOCAL_APPS = [
    "apps.accounts",
    "apps.exercises",
    "apps.training",
    "apps.progress",
    "apps.api",
    "apps.ops",
    "apps.portability",
    "apps.reminders",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "apps.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "apps.ops.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",  # BREACH: docs/production.md "Compression"
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.ops.cache_headers.PrivateAnswersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "apps.accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; WAL, a busy timeout and IMMEDIATE write transactions let
# several web workers share the file without "database is locked" errors.
SQLITE_PATH = Path(env_str("LEGWORK_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")))
SQLITE_DATABASE = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": SQLITE_PATH,
    "OPTIONS": {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a write waits for another's lock before giving up (a 503, config/views.py).
        "timeout": env_int("LEGWORK_SQLITE_BUSY_TIMEOUT", 20),
    },
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {"default": SQLITE_DATABASE}

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("LEGWORK_CACHE_KEY_PREFIX", "legwork"),
        }
    }
else:
    # Without Redis the database holds the cache, so every worker process (and every instance
    # on one database) shares it: allauth's sign-in limits count once for the site, not once per
    # worker. `migrate` creates its table (apps/ops/apps.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "legwork_cache",
            "OPTIONS": {"MAX_ENTRIES": env_int("LEGWORK_CACHE_MAX_ENTRIES", 20000)},
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# allauth: email is the login; verification is optional so a runner can start at once.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
    # Deleting the account asks for the password too: guesses there count like a password change.
    "delete_account": "5/m/user",
}
# Behind N reverse proxies, allauth and the API's throttles take the client's address from
# X-Forwarded-For (the Nth entry from the right, the one our own proxy wrote), so their per-IP
# rate limits count each runner, not the proxy; with no proxy the header is ignored, since any
# client can forge it (docs/production.md).
TRUSTED_PROXY_COUNT = env_int("LEGWORK_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Legwork] "
ACCOUNT_FORMS = {"signup": "apps.accounts.forms.SignupForm"}

DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Legwork <noreply@localhost>")
# The site's address as runners reach it: the links in reminder emails, sent by a command with
# no request to read it from (apps/reminders).
LEGWORK_SITE_URL = env_str("LEGWORK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# A runner's timezone until they choose one in settings.
LEGWORK_DEFAULT_TIMEZONE = env_str("LEGWORK_DEFAULT_TIMEZONE", "Europe/London")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("LEGWORK_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads (imports) are bounded so a runaway file cannot exhaust memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# The JSON API (apps/api, docs/api.md): personal tokens for scripts, the session (with CSRF) for
# the site's own JavaScript; one JSON error shape; rate limits per user and per address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so a request without credentials gets 401 with WWW-Authenticate: Bearer.
        "apps.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "apps.api.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["apps.api.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["apps.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "apps.api.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.api.throttling.AnonRateThrottle",
        "apps.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("LEGWORK_API_ANON_RATE", "60/minute"),
        "user": env_str("LEGWORK_API_USER_RATE", "600/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Legwork API",
    "DESCRIPTION": (
        "Strength work for runners: the routine, your sessions and sets, your weeks, streaks, "
        "recovery flags and the next suggested load, computed by the same rules as the pages."
        "\n\n**Authentication**: a personal token from /settings/tokens/ as "
        "`Authorization: Bearer lw_…` (or the session cookie with CSRF, for the site's own "
        "JavaScript). **Loads are kilograms** (`load_kg`), whatever the runner's `unit`. "
        "**Errors** are JSON: `{detail, code, errors: {field: [messages]}}`. **Lists** are "
        "paginated (`page`, `page_size` up to 100). **Rate limits** answer 429 with "
        "Retry-After. Walk-through: docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # "idea": the example highlighting whose colours keep 4.5:1 (the default, agate, does not).
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "syntaxHighlight": {"theme": "idea"}},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the weekday choices, whichever field (the long-run day, the nudge's day)
    # shows them first.
    "ENUM_NAME_OVERRIDES": {"WeekdayEnum": "apps.accounts.models.WEEKDAY_CHOICES"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.api.common.forbid_additional_properties",
    ],
}

# HTTPS hardening: on when the site is served over HTTPS (LEGWORK_HTTPS=true, see the README's
# production checklist). Off by default because Legwork also runs as plain HTTP on a gym's LAN.
HTTPS = env_bool("LEGWORK_HTTPS", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# One line per log record on stdout, tagged with the request id (apps/ops/logs.py): JSON in
# production, readable under DEBUG.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "apps.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "apps.ops.logs.JsonFormatter"},
        "readable": {"()": "apps.ops.logs.ReadableFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            # JSON lines for a log store in production; lines a person reads under `make run`.
            "formatter": "readable" if DEBUG else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # Django's own console handler on "django" would print each of its lines a second time.
        "django": {"handlers": []},
    },
}

# Content-Security-Policy (apps/ops/middleware.py): no inline script or style anywhere; the
# Swagger UI at /api/docs/ loads its JS and CSS from static files too.
LEGWORK_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # The service worker (/sw.js) and the web app manifest, both served by Legwork itself.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# /healthz proves the database takes a write at most this often (seconds) per worker process.
LEGWORK_HEALTH_WRITE_SECONDS = env_int("LEGWORK_HEALTH_WRITE_SECONDS", 10)
# A load balancer may poll /healthz over plain HTTP behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# A refused CSRF check (an expired form, cookies blocked) gets a page in the site's layout.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
