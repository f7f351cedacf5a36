"""The REST API (django-ninja). Session authentication (with CSRF on writes);
every endpoint goes through the same services, selectors and access functions as
the pages. Errors are mapped from the domain hierarchy in one place."""

from __future__ import annotations

from functools import wraps

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.security import SessionAuth

from casework.api import detention, editions, persons, tracing
from casework.core.errors import KintraceError, NotFound, ValidationFailed


def _login_required_json(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return view(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="Kintrace API",
    version="1",
    description="Registry of missing persons, tracing requests and list editions.",
    auth=SessionAuth(csrf=True),
    docs_url=None,  # the interactive docs page would load assets from a CDN
    openapi_url="/openapi.json",
    docs_decorator=_login_required_json,
    urls_namespace="api",
)


@api.exception_handler(NotFound)
def _not_found(request, exc: NotFound):
    return api.create_response(request, {"code": exc.code, "message": exc.message}, status=404)


@api.exception_handler(ValidationFailed)
def _invalid(request, exc: ValidationFailed):
    return api.create_response(request, exc.as_dict(), status=400)


@api.exception_handler(KintraceError)
def _domain(request, exc: KintraceError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


api.add_router("/persons", persons.router)
api.add_router("/", tracing.router)
api.add_router("/editions", editions.router)
api.add_router("/detention", detention.router)
