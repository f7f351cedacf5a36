from django.urls import path

from casework.antemortem import am_views, views

urlpatterns = [
    path("cases/<int:case_id>/dna/", views.case_dna, name="case-dna"),
    path("cases/<int:case_id>/am/", am_views.case_am, name="case-am"),
    path("am-photos/<int:photo_id>/", am_views.am_photo, name="am-photo"),
]
