from django.contrib import admin
from django.urls import include, path

from apps.accounts import views as accounts_views
from apps.ops import views as ops_views
from apps.progress import views as progress_views
from apps.training import offline

urlpatterns = [
    path("", progress_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/signup/", accounts_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("settings/tokens/", include("apps.api.token_urls")),
    path("settings/", include("apps.accounts.urls")),
    path("settings/", include("apps.portability.urls")),
    path("routine/", include("apps.exercises.urls")),
    path("", include("apps.training.urls")),
    path("", include("apps.progress.urls")),
    path("", include("apps.reminders.urls")),
    path("api/", include("apps.api.urls")),
    path("healthz", ops_views.healthz, name="healthz"),
    # The worker's URL sets the pages it may control: the root, so it covers the whole site.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline, name="offline"),
]

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
