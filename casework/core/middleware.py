from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casework.core.errors import KintraceError, NotFound


class LoginRequiredEverywhereMiddleware(LoginRequiredMiddleware):
    """Every page needs login (views opt out with ``@login_not_required``). The API
    is left to django-ninja's own authentication, which answers 401 instead of a
    redirect."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class KintraceErrorMiddleware:
    """Maps domain errors to pages, in one place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, NotFound):
            return render(request, "404.html", status=404)
        if isinstance(exception, KintraceError):
            return render(request, "error.html", {"error": exception}, status=exception.status)
        return None
