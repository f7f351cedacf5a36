from django.urls import path

from casework.tracing import views

urlpatterns = [
    path("registry/", views.registry, name="registry"),
    path("cases/<int:case_id>/", views.case_detail, name="case-detail"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="case-edit"),
    path("cases/<int:case_id>/status/", views.case_status, name="case-status"),
    path("cases/<int:case_id>/merge-undo/", views.case_merge_undo_view, name="case-merge-undo"),
    path(
        "cases/<int:case_id>/outcome-evidence/",
        views.outcome_evidence_new,
        name="outcome-evidence-new",
    ),
    path(
        "cases/<int:case_id>/outcome-evidence/<int:evidence_id>/review/",
        views.outcome_evidence_review_view,
        name="outcome-evidence-review",
    ),
    path("requests/new/", views.request_create, name="request-create"),
    path("editions/", views.editions, name="editions"),
    path("editions/new/", views.edition_create, name="edition-create"),
    path("editions/<int:number>/", views.edition_detail, name="edition-detail"),
    path("editions/<int:number>/export.<str:fmt>", views.edition_export, name="edition-export"),
    path("editions/<int:number>/responses/new/", views.edition_response, name="edition-response"),
    path("editions/<int:old>/diff/<int:new>/", views.edition_diff, name="edition-diff"),
]
