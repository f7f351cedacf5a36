"""Putting domain errors on forms, in one place for every page."""

from __future__ import annotations

from django import forms

from casework.core.errors import KintraceError, ValidationFailed


def add_domain_errors(form: forms.Form, exc: KintraceError) -> None:
    """Each ``ValidationFailed`` message goes on its field when the form has it (the last
    part of a dotted key such as ``sought.birth`` counts), else on the form; any other
    domain error goes on its ``field`` or on the form."""
    if isinstance(exc, ValidationFailed):
        for key, msgs in exc.errors.items():
            field = key.split(".")[-1]
            for msg in msgs:
                form.add_error(field if field in form.fields else None, msg)
        return
    target = getattr(exc, "field", None)
    form.add_error(target if target in form.fields else None, exc.message)
