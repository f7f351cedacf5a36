from django.urls import path

from casework.persons import views

urlpatterns = [
    path("persons/<int:person_id>/", views.person_detail, name="person-detail"),
    path("persons/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path("persons/<int:person_id>/documents/new/", views.document_new, name="document-new"),
    path(
        "persons/<int:person_id>/relationships/new/",
        views.relationship_new,
        name="relationship-new",
    ),
]
