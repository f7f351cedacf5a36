"""Reads of the ground floor: the audit log."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from casework.core.audit import audit_record
from casework.core.flows import Actor, flow
from casework.core.models import AuditEntry

AUDIT_PAGE_SIZE = 100


@flow("core.audit.view", permission="core.view_auditlog", kind="read")
def audit_log_page(*, viewer: Actor, action: str = "", page: str | int | None = 1) -> Page:
    """One page of the audit log, newest first, optionally only actions starting with
    ``action``. Reading the log is itself audited (who looked, at what filter)."""
    qs = AuditEntry.objects.select_related("actor").order_by("-seq")
    action = action.strip()
    if action:
        qs = qs.filter(action__startswith=action)
    result = Paginator(qs, AUDIT_PAGE_SIZE).get_page(page)
    audit_record(
        by=viewer,
        action="core.audit.view",
        object_type="core.auditentry",
        changes={"filter": action, "page": result.number},
    )
    return result
