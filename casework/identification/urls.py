from django.urls import path

from casework.identification import views
from casework.remains import views as remains_views

urlpatterns = [
    path("identification/", views.overview, name="identification"),
    path("identification/runs/new/", views.run_start, name="run-start"),
    path("identification/profiles/import/", views.profiles_upload, name="profiles-upload"),
    path("identification/remains/register/", remains_views.register, name="remains-register"),
    path("identification/runs/<int:run_id>/", views.run_detail, name="run-detail"),
    path("identification/remains/<int:remains_id>/", views.remains_detail, name="remains-detail"),
    path(
        "identification/decisions/<int:ident_id>/",
        views.identification_detail,
        name="identification-detail",
    ),
    path(
        "identification/decisions/<int:ident_id>/report.pdf",
        views.identification_report,
        name="identification-report",
    ),
]
