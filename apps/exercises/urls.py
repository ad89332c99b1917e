from django.urls import path

from apps.exercises import views

app_name = "exercises"
urlpatterns = [
    path("", views.routine_page, name="routine"),
    path("<slug:slug>/", views.exercise_page, name="detail"),
]
