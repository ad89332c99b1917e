from django.urls import path

from apps.accounts import views

urlpatterns = [
    path("", views.settings_page, name="settings"),
]
