from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from apps.api import content, profile
from apps.api.docs import SwaggerDocsView

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("exercises", content.ExerciseViewSet, basename="exercise")

v1 = [
    path("", include(router.urls)),
    path("routine/", content.RoutineView.as_view(), name="routine"),
    path("me/", profile.MeView.as_view(), name="me"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/imports/", include("apps.portability.api_urls")),
]
