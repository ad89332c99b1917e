from django.urls import path

from apps.training import views

app_name = "training"
urlpatterns = [
    path("train/", views.train, name="train"),
    path("history/", views.history, name="history"),
]
