from django.urls import path

from apps.portability import api

urlpatterns = [
    path("", api.ImportUploadView.as_view(), name="api-imports"),
    path("<int:pk>/", api.ImportDetailView.as_view(), name="api-import-detail"),
    path("<int:pk>/exercises/", api.ImportExercisesView.as_view(), name="api-import-exercises"),
    path("<int:pk>/timezone/", api.ImportTimezoneView.as_view(), name="api-import-timezone"),
    path("<int:pk>/commit/", api.ImportCommitView.as_view(), name="api-import-commit"),
]
