"""Reads on the registry. Every query chain lives here, never in a view."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from casework.core.audit import audit_record
from casework.core.errors import NotFound
from casework.core.flows import Actor, actor_may, flow, require_actor
from casework.core.models import AuditEntry
from casework.persons.models import Place
from casework.persons.selectors import Contact, contact_of
from casework.tracing import lifecycle
from casework.tracing.models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    CloseReason,
    Event,
    ListEdition,
    ListEditionEntry,
    OutcomeEvidence,
)
from casework.tracing.services import generic_targets
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


@flow("tracing.registry.list", permission="tracing.view_case", kind="read")
def registry_list(*, viewer: Actor, filters: RegistryFilters) -> QuerySet[Case]:
    """The registry's cases matching ``filters``, by case number."""
    qs = Case.objects.select_related("person", "event", "disappearance_place")
    return filter_cases(qs, filters).order_by("case_number")


@dataclass(frozen=True)
class RegistryPage:
    page: Page
    filters: RegistryFilters
    events: list[Event]
    places: list[Place]
    regions: list[str]


REGISTRY_PAGE_SIZE = 50


@flow("tracing.registry.page", permission="tracing.view_case", kind="read")
def registry_page(*, viewer: Actor, filters: RegistryFilters, page: Any = 1) -> RegistryPage:
    """One page of the registry with the choices its filters offer."""
    qs = Case.objects.select_related("person", "event", "disappearance_place")
    qs = filter_cases(qs, filters).order_by("case_number")
    choices = registry_filter_choices()
    return RegistryPage(
        page=Paginator(qs, REGISTRY_PAGE_SIZE).get_page(page),
        filters=filters,
        events=list(choices["events"]),
        places=list(choices["places"]),
        regions=list(choices["regions"]),
    )


def access_case_by_id(user: Any, case_id: int) -> Case:
    """The case for a viewer of the registry; ``NotFound`` for a missing case, a bad
    id and a viewer without ``tracing.view_case`` alike."""
    require_actor(user, "tracing.view_case")
    try:
        return Case.objects.select_related(
            "person",
            "request",
            "request__enquirer",
            "event",
            "disappearance_place",
            "merged_into",
        ).get(pk=int(case_id))
    except (Case.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound() from None


def access_case_by_number(user: Any, case_number: str) -> Case:
    require_actor(user, "tracing.view_case")
    case = Case.objects.filter(case_number=case_number).first()
    if case is None:
        raise NotFound()
    return case


@flow("tracing.case.open", permission="tracing.view_case", kind="read")
def case_open(*, viewer: Actor, case_id: int) -> Case:
    """Open a case: access check and an audited read, in one transaction."""
    case = access_case_by_id(viewer, case_id)
    audit_record(by=viewer, action="tracing.case.view", obj=case)
    return case


@flow("tracing.case.form", permission="tracing.change_case", kind="read")
def case_for_change(*, viewer: Actor, case_id: int) -> Case:
    """A case as a change form shows it (edit, status, evidence): an audited read."""
    case = access_case_by_id(viewer, case_id)
    audit_record(by=viewer, action="tracing.case.view", obj=case)
    return case


def case_history(*, viewer: Any, case: Case) -> list[AuditEntry]:
    """The audit trail of the case, its request and its persons (newest first)."""
    require_actor(viewer, "tracing.view_case")
    q = (
        Q(object_type="tracing.case", object_id=str(case.pk))
        | Q(object_type="tracing.tracingrequest", object_id=str(case.request_id))
        | Q(
            object_type="persons.person",
            object_id__in=[str(case.person_id), str(case.request.enquirer_id)],
        )
        | Q(
            object_type="tracing.outcomeevidence",
            object_id__in=[str(pk) for pk in case.outcome_evidence.values_list("pk", flat=True)],
        )
    )
    return list(AuditEntry.objects.filter(q).order_by("-seq")[:200])


@dataclass(frozen=True)
class CasePage:
    """What the case page shows, read in one audited transaction."""

    case: Case
    names: list[Any]
    enquirer_contact: Contact | None
    siblings: list[Case]
    status_changes: list[CaseStatusChange]
    history: list[AuditEntry]
    editions: list[ListEditionEntry]
    evidence: list[OutcomeEvidence]
    targets: list[str]
    can_edit: bool
    can_record_evidence: bool
    can_review_evidence: bool
    can_undo_merge: bool
    can_see_dna: bool


@flow("tracing.case.page", permission="tracing.view_case", kind="read")
def case_page(*, viewer: Actor, case_id: int) -> CasePage:
    """The case page: the sought person, the request (the enquirer's contact details
    only for ``persons.view_contact``), the lifecycle, the outcome evidence, the
    editions it was listed in and the audit history. The read is audited."""
    case = access_case_by_id(viewer, case_id)
    audit_record(by=viewer, action="tracing.case.view", obj=case)
    can_edit = actor_may(viewer, "tracing.change_case")
    return CasePage(
        case=case,
        names=list(case.person.names.all()),
        enquirer_contact=contact_of(viewer, case.request.enquirer),
        siblings=list(case.request.cases.exclude(pk=case.pk).select_related("person")),
        status_changes=list(case.status_changes.select_related("by")),
        history=case_history(viewer=viewer, case=case),
        editions=list(
            case.edition_entries.select_related("edition")
            .prefetch_related("responses")
            .order_by("edition__number")
        ),
        evidence=list(case.outcome_evidence.select_related("recorded_by", "reviewed_by")),
        targets=generic_targets(case.status),
        can_edit=can_edit,
        can_record_evidence=actor_may(viewer, "tracing.add_outcomeevidence")
        and any(lifecycle.transition_error(case.status, o) is None for o in EVIDENCE_OUTCOMES),
        can_review_evidence=actor_may(viewer, "tracing.review_outcomeevidence"),
        can_undo_merge=can_edit
        and case.status == CaseStatus.CLOSED
        and case.close_reason == CloseReason.MERGED,
        can_see_dna=actor_may(viewer, "samples.view_familypedigree"),
    )


EVIDENCE_OUTCOMES = (CaseStatus.FOUND_ALIVE, CaseStatus.DEATH_CONFIRMED)


@dataclass(frozen=True)
class RequestFormChoices:
    events: list[str]
    places: list[str]


@flow("tracing.request.form", permission="tracing.add_tracingrequest", kind="read")
def request_form_choices(*, viewer: Actor) -> RequestFormChoices:
    """What the new-request form suggests: known events and places."""
    return RequestFormChoices(
        events=list(Event.objects.order_by("name").values_list("name", flat=True)),
        places=list(Place.objects.order_by("name").values_list("name", flat=True)[:500]),
    )


def dashboard_counts(*, viewer: Any) -> dict[str, Any]:
    """Aggregate figures: visible to every role with ``core.view_aggregates``
    (called inside the reports app's dashboard flow)."""
    require_actor(viewer, "core.view_aggregates")
    by_status = dict(Case.objects.values_list("status").annotate(n=Count("id")))
    active = sum(by_status.get(str(s), 0) for s in lifecycle.ACTIVE)
    return {
        "total": sum(by_status.values()),
        "active": active,
        "by_status": [(CaseStatus(s).label, by_status.get(str(s), 0)) for s in CaseStatus],
        "editions": ListEdition.objects.count(),
        "latest_edition": ListEdition.objects.order_by("-number").first(),
        "can_see_registry": actor_may(viewer, "tracing.view_case"),
    }


def registry_filter_choices() -> dict[str, Any]:
    """Choices offered by the registry's filters (events, places and regions in use)."""
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
