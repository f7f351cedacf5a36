from django.urls import path

from casework.detention import views

urlpatterns = [
    path("detention/", views.dashboard, name="detention"),
    path("detention/detainees/", views.detainees, name="detainees"),
    path("detention/detainees/new/", views.detainee_new, name="detainee-new"),
    path("detention/detainees/<int:detainee_id>/", views.detainee_detail, name="detainee-detail"),
    path("detention/places/", views.places, name="detention-places"),
    path("detention/places/<int:place_id>/", views.place_detail, name="detention-place"),
    path("detention/visits/new/", views.visit_new, name="visit-new"),
    path("detention/visits/<int:visit_id>/", views.visit_detail, name="visit-detail"),
    path("detention/hearings/", views.hearings, name="hearings"),
    path("detention/consular/", views.consular, name="consular"),
    path("detention/dossiers/", views.dossiers, name="dossiers"),
    path("detention/dossiers/<int:dossier_id>/", views.dossier_detail, name="dossier-detail"),
    path("detention/report.pdf", views.monthly_report, name="detention-report"),
]
