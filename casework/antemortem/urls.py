from django.urls import path

from casework.antemortem import views

urlpatterns = [path("cases/<int:case_id>/dna/", views.case_dna, name="case-dna")]
