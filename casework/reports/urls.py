from django.urls import path

from casework.reports import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
