"""Reads on the registry. Every query chain lives here, never in a view."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from casework.core.access import has_perm, require_perm
from casework.core.audit import audit_record
from casework.core.errors import NotFound
from casework.core.models import AuditEntry
from casework.tracing import lifecycle
from casework.tracing.models import Case, CaseStatus, ListEdition
from linkage.normalise import query_skeletons


@dataclass
class RegistryFilters:
    """Filters of the registry; also the stored criteria of a list edition."""

    q: str = ""
    status: list[str] = field(default_factory=list)
    event: int | None = None
    place: int | None = None
    region: str = ""
    sex: str = ""
    disappeared_from: int | None = None  # year, inclusive
    disappeared_to: int | None = None  # year, inclusive

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegistryFilters:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", None, [])}

    def describe(self) -> str:
        parts = []
        if self.status:
            parts.append("status: " + ", ".join(CaseStatus(s).label for s in self.status))
        if self.q:
            parts.append(f"name: {self.q}")
        if self.event:
            parts.append(f"event #{self.event}")
        if self.place:
            parts.append(f"place #{self.place}")
        if self.region:
            parts.append(f"region: {self.region}")
        if self.sex:
            parts.append(f"sex: {self.sex}")
        if self.disappeared_from or self.disappeared_to:
            parts.append(f"disappeared {self.disappeared_from or '…'}–{self.disappeared_to or '…'}")
        return "; ".join(parts) or "whole registry"


ACTIVE_CRITERIA = RegistryFilters(status=[str(s) for s in lifecycle.ACTIVE])


def filter_cases(qs: QuerySet[Case], f: RegistryFilters) -> QuerySet[Case]:
    for sk in query_skeletons(f.q):
        qs = qs.filter(person__search_keys__contains=" " + sk)
    if f.status:
        qs = qs.filter(status__in=f.status)
    if f.event:
        qs = qs.filter(event_id=f.event)
    if f.place:
        qs = qs.filter(disappearance_place_id=f.place)
    if f.region:
        qs = qs.filter(disappearance_place__region=f.region)
    if f.sex:
        qs = qs.filter(person__sex=f.sex)
    if f.disappeared_from:
        qs = qs.filter(disappearance_key__gte=f.disappeared_from * 10000)
    if f.disappeared_to:
        qs = qs.filter(disappearance_key__lte=f.disappeared_to * 10000 + 1231)
    return qs


def registry_list(*, viewer: Any, filters: RegistryFilters) -> QuerySet[Case]:
    require_perm(viewer, "tracing.view_case")
    qs = Case.objects.select_related("person", "event", "disappearance_place")
    return filter_cases(qs, filters).order_by("case_number")


def access_case_by_id(user: Any, case_id: int) -> Case:
    require_perm(user, "tracing.view_case")
    try:
        return Case.objects.select_related(
            "person",
            "request",
            "request__enquirer",
            "event",
            "disappearance_place",
            "merged_into",
        ).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def access_case_by_number(user: Any, case_number: str) -> Case:
    require_perm(user, "tracing.view_case")
    case = Case.objects.filter(case_number=case_number).first()
    if case is None:
        raise NotFound()
    return case


def case_open(*, viewer: Any, case_id: int) -> Case:
    """Open a case page: access check and an audited read, in one transaction."""
    with transaction.atomic():
        case = access_case_by_id(viewer, case_id)
        audit_record(by=viewer, action="tracing.case.view", obj=case)
    return case


def case_history(*, viewer: Any, case: Case) -> list[AuditEntry]:
    """The audit trail of the case, its request and its persons (newest first)."""
    require_perm(viewer, "tracing.view_case")
    q = (
        Q(object_type="tracing.case", object_id=str(case.pk))
        | Q(object_type="tracing.tracingrequest", object_id=str(case.request_id))
        | Q(
            object_type="persons.person",
            object_id__in=[str(case.person_id), str(case.request.enquirer_id)],
        )
    )
    return list(AuditEntry.objects.filter(q).order_by("-seq")[:200])


def dashboard_counts(*, viewer: Any) -> dict[str, Any]:
    """Aggregate figures: visible to every role with ``core.view_aggregates``."""
    require_perm(viewer, "core.view_aggregates")
    by_status = dict(Case.objects.values_list("status").annotate(n=Count("id")))
    active = sum(by_status.get(str(s), 0) for s in lifecycle.ACTIVE)
    return {
        "total": sum(by_status.values()),
        "active": active,
        "by_status": [(CaseStatus(s).label, by_status.get(str(s), 0)) for s in CaseStatus],
        "editions": ListEdition.objects.count(),
        "latest_edition": ListEdition.objects.order_by("-number").first(),
        "can_see_registry": has_perm(viewer, "tracing.view_case"),
    }


def registry_filter_choices() -> dict[str, Any]:
    """Choices offered by the registry's filters (events, places and regions in use)."""
    from casework.persons.models import Place
    from casework.tracing.models import Event

    used = Case.objects.values("disappearance_place")
    return {
        "events": Event.objects.order_by("name"),
        "places": Place.objects.filter(pk__in=used).order_by("name"),
        "regions": Place.objects.filter(pk__in=used)
        .exclude(region="")
        .values_list("region", flat=True)
        .distinct()
        .order_by("region"),
    }
