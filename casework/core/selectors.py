"""Reads of the ground floor: the audit log."""

from __future__ import annotations

from collections.abc import Callable

from django.core.paginator import Page, Paginator

from casework.core.audit import VerifyResult, audit_record, audit_verify
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


@flow("core.audit.verify", permission="core.view_auditlog", kind="read")
def audit_chain_verify(
    *, viewer: Actor, progress: Callable[[int], None] | None = None
) -> tuple[VerifyResult, int]:
    """Verify the whole hash chain (see ``casework.core.audit.audit_verify``) and
    record who checked it and what was found. Returns the result and the number of
    entries there were to check."""
    total = AuditEntry.objects.count()
    result = audit_verify(progress=progress)
    audit_record(
        by=viewer,
        action="core.audit.verify",
        object_type="core.auditentry",
        changes={"intact": result.intact, "checked": result.checked},
        reason=result.message(),
    )
    return result, total
