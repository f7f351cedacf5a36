from django.urls import path

from casework.tracing import views

urlpatterns = [
    path("registry/", views.registry, name="registry"),
    path("cases/<int:case_id>/", views.case_detail, name="case-detail"),
    path("cases/<int:case_id>/edit/", views.case_edit, name="case-edit"),
    path("cases/<int:case_id>/status/", views.case_status, name="case-status"),
    path("persons/<int:person_id>/", views.person_detail, name="person-detail"),
    path("requests/new/", views.request_create, name="request-create"),
    path("editions/", views.editions, name="editions"),
    path("editions/new/", views.edition_create, name="edition-create"),
    path("editions/<int:number>/", views.edition_detail, name="edition-detail"),
    path("editions/<int:number>/export.<str:fmt>", views.edition_export, name="edition-export"),
    path("editions/<int:number>/responses/new/", views.edition_response, name="edition-response"),
    path("editions/<int:old>/diff/<int:new>/", views.edition_diff, name="edition-diff"),
]
