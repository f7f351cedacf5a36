"""One error hierarchy for the whole system.

Services raise these; the middleware (pages) and the API's exception handler map them
to an HTTP status and a message in one place. Messages that tests assert verbatim are
module constants.
"""

from __future__ import annotations


class KintraceError(Exception):
    """A domain error with a stable machine-readable code and an HTTP status."""

    code = "error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "message": self.message, "field": self.field}


class NotFound(KintraceError):
    """The record does not exist *or* the user may not see it: the two look the same."""

    code = "not_found"
    status = 404

    def __init__(self, message: str = "Not found.", **kwargs):
        super().__init__(message, **kwargs)


class ValidationFailed(KintraceError):
    """Input is invalid. ``errors`` maps field name to a list of messages."""

    code = "invalid"
    status = 400

    def __init__(self, errors: dict[str, list[str]], message: str = "Invalid input."):
        super().__init__(message)
        self.errors = errors

    def as_dict(self):  # type: ignore[override]
        return {"code": self.code, "message": self.message, "errors": self.errors}


class InvalidTransition(KintraceError):
    code = "invalid_transition"
    status = 409


class ImportRejected(KintraceError):
    """An import file had problems; nothing was written. ``problems`` holds
    ``row N: field: problem`` lines."""

    code = "import_rejected"
    status = 400

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s); nothing was imported.")
        self.problems = problems


class AuditLogAppendOnly(KintraceError):
    code = "audit_append_only"
    status = 500
