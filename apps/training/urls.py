from django.urls import path

from apps.training import views

app_name = "training"
urlpatterns = [
    path("train/", views.train, name="train"),
    path("train/start/", views.start, name="start"),
    path("train/past/", views.log_past, name="log_past"),
    path("train/<int:pk>/", views.player, name="player"),
    path(
        "train/<int:pk>/moves/<int:exercise_id>/sets/<int:number>/",
        views.set_save,
        name="set_save",
    ),
    path("train/<int:pk>/moves/<int:exercise_id>/add-set/", views.set_add, name="set_add"),
    path("train/<int:pk>/moves/<int:exercise_id>/skip/", views.move_skip, name="move_skip"),
    path("train/<int:pk>/slots/<int:slot_id>/choose/", views.slot_choose, name="slot_choose"),
    path("train/<int:pk>/warm-up/", views.warmup, name="warmup"),
    path("train/<int:pk>/rest/", views.rest, name="rest"),
    path("train/<int:pk>/finish/", views.finish, name="finish"),
    path("train/<int:pk>/abandon/", views.abandon, name="abandon"),
    path("history/", views.history, name="history"),
    path("history/<int:pk>/", views.session_detail, name="session_detail"),
    path("history/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("history/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("history/<int:pk>/sets/<int:set_pk>/edit/", views.set_edit, name="set_edit"),
]
