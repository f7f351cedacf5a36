from django.urls import include, path

from casework.api.api import api

urlpatterns = [
    path("api/", api.urls),
    path("", include("casework.core.urls")),
    path("", include("casework.reports.urls")),
    path("", include("casework.tracing.urls")),
    path("", include("casework.persons.urls")),
    path("", include("casework.identification.urls")),
    path("", include("casework.antemortem.urls")),
    path("", include("casework.detention.urls")),
]
