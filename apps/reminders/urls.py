from django.urls import path

from apps.reminders import views

app_name = "reminders"
urlpatterns = [
    path("settings/reminders/", views.settings_page, name="settings"),
    path("settings/reminders/feed/reset/", views.feed_reset, name="feed_reset"),
    path("reminders/feed/<str:token>.ics", views.feed, name="feed"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
