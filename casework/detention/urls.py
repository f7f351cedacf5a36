from django.urls import path

from casework.detention import views

D = "detention/detainees/<int:detainee_id>/"
V = "detention/visits/<int:visit_id>/"
E = "detention/dossiers/<int:dossier_id>/"

urlpatterns = [
    path("detention/", views.dashboard, name="detention"),
    path("detention/detainees/", views.detainees, name="detainees"),
    path("detention/detainees/new/", views.detainee_new, name="detainee-new"),
    path(D, views.detainee_detail, name="detainee-detail"),
    path(D + "contacts/", views.detainee_contact, name="detainee-contact"),
    path(D + "transfers/", views.detainee_transfer, name="detainee-transfer"),
    path(D + "movements/", views.detainee_movement, name="detainee-movement"),
    path(D + "proceedings/", views.detainee_proceeding, name="detainee-proceeding"),
    path(D + "hearings/", views.detainee_hearing, name="detainee-hearing"),
    path(D + "notifications/", views.detainee_notification, name="detainee-notification"),
    path(D + "verdicts/", views.detainee_verdict, name="detainee-verdict"),
    path("detention/places/", views.places, name="detention-places"),
    path("detention/places/new/", views.place_new, name="detention-place-new"),
    path("detention/places/<int:place_id>/", views.place_detail, name="detention-place"),
    path("detention/visits/new/", views.visit_new, name="visit-new"),
    path(V, views.visit_detail, name="visit-detail"),
    path(V + "follow-ups/", views.visit_follow_up, name="visit-follow-up"),
    path("detention/hearings/", views.hearings, name="hearings"),
    path("detention/consular/", views.consular, name="consular"),
    path("detention/consular/new/", views.consular_new, name="consular-new"),
    path(
        "detention/consular/<int:request_id>/update/",
        views.consular_update,
        name="consular-update",
    ),
    path("detention/dossiers/", views.dossiers, name="dossiers"),
    path("detention/dossiers/new/", views.dossier_new, name="dossier-new"),
    path(E, views.dossier_detail, name="dossier-detail"),
    path(E + "evidence/", views.dossier_evidence, name="dossier-evidence"),
    path(E + "custody/", views.dossier_custody, name="dossier-custody"),
    path(E + "submissions/", views.dossier_submission, name="dossier-submission"),
    path("detention/report.pdf", views.monthly_report, name="detention-report"),
]
