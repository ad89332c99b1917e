from django.urls import path

from apps.api import views

app_name = "api"

urlpatterns = [
    path("", views.tokens_page, name="tokens"),
    path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
