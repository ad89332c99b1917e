from django.urls import path

from apps.reminders import api

urlpatterns = [
    path("", api.RemindersView.as_view(), name="api-reminders"),
    path("feed-secret/", api.FeedSecretView.as_view(), name="api-reminders-feed-secret"),
]
