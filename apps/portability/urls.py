from django.urls import path

from apps.portability import views

app_name = "portability"
urlpatterns = [
    path("export/", views.export_page, name="export"),
    path("export/legwork.csv", views.export_csv, name="export_csv"),
    path("export/legwork.json", views.export_json, name="export_json"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/exercises/", views.import_choose, name="import_choose"),
    path("import/<int:pk>/timezone/", views.import_timezone, name="import_timezone"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("delete-account/", views.delete_account, name="delete_account"),
]
