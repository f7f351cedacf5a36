from django.urls import path

from casework.antemortem import views

urlpatterns = [
    path("cases/<int:case_id>/am/", views.case_am, name="case-am"),
    path("cases/<int:case_id>/am/record/", views.am_record_save_view, name="case-am-save"),
    path("cases/<int:case_id>/am/photos/", views.am_photo_add_view, name="case-am-photo-add"),
    path("am-photos/<int:photo_id>/", views.am_photo, name="am-photo"),
]
