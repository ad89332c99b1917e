from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from apps.api import choices, content, profile, progress, sessions, sets
from apps.api.docs import SwaggerDocsView


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def api_not_found(request, *args, **kwargs):
    raise NotFound("No such API endpoint. The endpoints are listed at /api/docs/.")


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("exercises", content.ExerciseViewSet, basename="exercise")
router.register("sessions", sessions.SessionViewSet, basename="session")
router.register("sets", sets.SetViewSet, basename="set")
router.register("choices", choices.ChoiceViewSet, basename="choice")

v1 = [
    path("", include(router.urls)),
    path("routine/", content.RoutineView.as_view(), name="routine"),
    path("me/", profile.MeView.as_view(), name="me"),
    path("progress/weeks/", progress.WeeksView.as_view(), name="progress-weeks"),
    path("progress/summary/", progress.SummaryView.as_view(), name="progress-summary"),
    path("progress/moves/<slug:slug>/", progress.MoveView.as_view(), name="progress-move"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/imports/", include("apps.portability.api_urls")),
    path("v1/reminders/", include("apps.reminders.api_urls")),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^[\s\S]*$", api_not_found),
]
