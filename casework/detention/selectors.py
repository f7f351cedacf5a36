"""Reads of the detention domain, each a declared read flow.

Access functions (``access_*_by_id``) answer the same :class:`NotFound` for a record
that does not exist and for one the viewer may not see. Visits carry confidential
findings and recommendations: they need ``detention.view_confidential`` (the detention
delegate), which administrators do not hold. Opening a detainee, a visit or a dossier
is audited in the flow's own transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.core.access import parse_id
from casework.core.audit import audit_record
from casework.core.errors import NotFound, ValidationFailed
from casework.core.flows import USE_CASES, Actor, actor_may, flow, require_actor
from casework.detention.isolation import (
    MAX_DAYS,
    IsolationRow,
    check_threshold,
    isolation_alerts,
    isolation_rows,
)
from casework.detention.models import (
    ConsularRequest,
    Detainee,
    DetentionPlace,
    Dossier,
    EvidenceItem,
    FamilyContact,
    Hearing,
    Proceeding,
    Recommendation,
    Visit,
    VisitInterview,
)
from linkage.normalise import query_skeletons

__all__ = ["isolation_alerts"]  # the isolation read flow lives in isolation.py

HEARING_DAYS_INVALID = gettext_noop(
    "The period must be a whole number of days between 0 and 36500."
)
REPLY_MESSAGES_SHOWN = 50


def _get(qs: QuerySet, value: Any):
    try:
        return qs.get(pk=parse_id(value))
    except qs.model.DoesNotExist:
        raise NotFound() from None


def allowed_writes(viewer: Actor, writes: dict[str, str]) -> frozenset[str]:
    """The keys of ``writes`` (form key → write flow name) whose declared permissions
    ``viewer`` holds: the page shows those forms only, and a write view re-renders a
    page with a bound form only for them. The flow itself still enforces."""
    return frozenset(
        key
        for key, name in writes.items()
        if name in USE_CASES and actor_may(viewer, *USE_CASES[name].permissions)
    )


DETAINEE_WRITES = {
    "contact": "detention.contact.record",
    "transfer": "detention.detainee.transfer",
    "movement": "detention.movement.record",
    "proceeding": "detention.proceeding.add",
    "hearing": "detention.hearing.add",
    "notification": "detention.notification.record",
    "verdict": "detention.proceeding.update",
}
PLACES_WRITES = {"new": "detention.place.create"}
VISIT_WRITES = {"follow_up": "detention.recommendation.follow_up"}
CONSULAR_WRITES = {"new": "detention.consular.request", "update": "detention.consular.update"}
DOSSIERS_WRITES = {"new": "detention.dossier.create"}
DOSSIER_WRITES = {
    "evidence": "detention.evidence.add",
    "custody": "detention.evidence.custody",
    "submission": "detention.submission.add",
}


# --- access functions ----------------------------------------------------------


def access_detainee_by_id(viewer: Actor, detainee_id: Any) -> Detainee:
    require_actor(viewer, "detention.view_detainee")
    return _get(Detainee.objects.select_related("person"), detainee_id)


def access_detainee_by_reference(viewer: Actor, reference: str) -> Detainee:
    require_actor(viewer, "detention.view_detainee")
    found = (
        Detainee.objects.select_related("person")
        .filter(reference=(reference or "").strip().upper())
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def access_place_by_id(viewer: Actor, place_id: Any) -> DetentionPlace:
    require_actor(viewer, "detention.view_detentionplace")
    return _get(DetentionPlace.objects.all(), place_id)


def access_visit_by_id(viewer: Actor, visit_id: Any) -> Visit:
    """Visits carry confidential findings: detention delegates only."""
    require_actor(viewer, "detention.view_visit", "detention.view_confidential")
    return _get(Visit.objects.select_related("place"), visit_id)


def access_dossier_by_id(viewer: Actor, dossier_id: Any) -> Dossier:
    require_actor(viewer, "detention.view_dossier")
    return _get(Dossier.objects.select_related("person"), dossier_id)


def access_consular_request_by_id(viewer: Actor, request_id: Any) -> ConsularRequest:
    require_actor(viewer, "detention.view_consularrequest")
    return _get(ConsularRequest.objects.select_related("detainee__person"), request_id)


def access_proceeding(detainee: Detainee, proceeding_id: Any) -> Proceeding:
    """A proceeding of this detainee (already opened through an access function)."""
    return _get(Proceeding.objects.filter(detainee=detainee), proceeding_id)


def access_message(detainee: Detainee, contact_id: Any) -> FamilyContact:
    """A written message of this detainee."""
    return _get(
        FamilyContact.objects.filter(detainee=detainee, kind=FamilyContact.Kind.MESSAGE),
        contact_id,
    )


def access_recommendation(visit: Visit, recommendation_id: Any) -> Recommendation:
    return _get(
        Recommendation.objects.filter(visit=visit).select_related("visit"), recommendation_id
    )


def access_evidence(dossier: Dossier, item_id: Any) -> EvidenceItem:
    return _get(EvidenceItem.objects.filter(dossier=dossier).select_related("dossier"), item_id)


# --- the dashboard ---------------------------------------------------------------


def _status_counts() -> list[tuple[str, int]]:
    counts = dict(
        Detainee.objects.filter(released_on__isnull=True)
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return [(label, counts.get(value, 0)) for value, label in Detainee.Status.choices]


def _upcoming_hearings(start: dt.date, days: int) -> list[Hearing]:
    end = start + dt.timedelta(days=days)
    return list(
        Hearing.objects.filter(date__gte=start, date__lte=end)
        .select_related("proceeding__detainee__person")
        .order_by("date", "id")
    )


def _open_consular() -> list[ConsularRequest]:
    return list(
        ConsularRequest.objects.filter(
            status__in=[ConsularRequest.Status.REQUESTED, ConsularRequest.Status.ACCEPTED]
        ).select_related("detainee__person")
    )


@dataclass(frozen=True)
class DashboardPage:
    alerts: list[IsolationRow]
    days: int
    counts: list[tuple[str, int]]
    hearings: list[Hearing]
    consular: list[ConsularRequest]
    can_visit: bool
    month: str


@flow("detention.dashboard.view", permission="detention.view_detainee", kind="read")
def dashboard_page(*, viewer: Actor, days: int | None = None) -> DashboardPage:
    """The detention dashboard: isolation alerts over ``days``, detainees by status,
    hearings of the next 30 days and (for who may see them) open consular requests."""
    threshold = check_threshold(days)
    today = dt.date.today()
    return DashboardPage(
        alerts=isolation_alerts(viewer=viewer, days=threshold),
        days=threshold,
        counts=_status_counts(),
        hearings=_upcoming_hearings(today, 30),
        consular=_open_consular() if actor_may(viewer, "detention.view_consularrequest") else [],
        can_visit=bool(allowed_writes(viewer, {"visit": "detention.visit.record"})),
        month=today.strftime("%Y-%m"),
    )


# --- detainees -------------------------------------------------------------------


@dataclass(frozen=True)
class DetaineeFilters:
    q: str = ""
    status: str = ""
    held: bool = True  # only those not released

    @classmethod
    def from_query(cls, data: Any) -> DetaineeFilters:
        """From a page's or the API's query parameters (unknown values are ignored:
        a status that does not exist matches nobody rather than failing)."""
        return cls(
            q=str(data.get("q", "") or "")[:200],
            status=str(data.get("status", "") or "")[:40],
            held=str(data.get("all", "") or "") != "1",
        )


@flow("detention.detainee.list", permission="detention.view_detainee", kind="read")
def detainees_list(*, viewer: Actor, filters: DetaineeFilters | None = None) -> QuerySet[Detainee]:
    """Detainees matching ``filters`` (name words as prefixes in any script, status,
    held or all), by reference."""
    f = filters or DetaineeFilters()
    qs = Detainee.objects.select_related("person")
    if f.held:
        qs = qs.filter(released_on__isnull=True)
    if f.status:
        qs = qs.filter(status=f.status)
    for sk in query_skeletons(f.q):
        qs = qs.filter(person__search_keys__contains=" " + sk)
    return qs.order_by("reference")


@dataclass(frozen=True)
class NewDetaineePage:
    places: list[DetentionPlace]


@flow("detention.detainee.form", permission="detention.add_detainee", kind="read")
def detainee_form_page(*, viewer: Actor) -> NewDetaineePage:
    """What the registration form offers: the places of detention."""
    return NewDetaineePage(places=list(DetentionPlace.objects.order_by("name")))


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # capture, notification, place, visit, contact, hearing, movement, consular
    text: str


@dataclass(frozen=True)
class DetaineePage:
    detainee: Detainee
    timeline: list[TimelineEntry]
    proceedings: list[Proceeding]
    isolation: IsolationRow | None
    messages: list[FamilyContact]  # the latest written messages, for "in reply to"
    places: list[DetentionPlace]  # for the transfer form
    allowed: frozenset[str]  # the write forms the viewer may use (DETAINEE_WRITES keys)


def detainee_timeline(det: Detainee, proceedings: list[Proceeding]) -> list[TimelineEntry]:
    """Everything that happened to a detainee, newest first."""
    t: list[TimelineEntry] = []
    t.append(
        TimelineEntry(
            det.captured_on,
            "capture",
            _("captured at %(place)s") % {"place": det.capture_place}
            if det.capture_place
            else _("captured"),
        )
    )
    if det.notified_on:
        t.append(
            TimelineEntry(det.notified_on, "notification", _("capture notified by the authority"))
        )
    for pl in det.placements.select_related("place"):
        t.append(
            TimelineEntry(pl.from_date, "place", _("held at %(place)s") % {"place": pl.place.name})
        )
    for i in det.interviews.select_related("visit__place"):
        text = _("seen during a visit to %(place)s") % {"place": i.visit.place.name}
        if i.private:
            text += " " + _("(private interview)")
        t.append(TimelineEntry(i.visit.end_date, "visit", text))
    for c in det.contacts.all():
        text = f"{c.get_kind_display()}, {c.get_direction_display()}"
        if not c.contact_date and c.kind == FamilyContact.Kind.MESSAGE:
            text += " " + _("(not delivered)")
        t.append(TimelineEntry(c.contact_date or c.written_on, "contact", text))
    for p in proceedings:
        for h in p.hearings.all():
            text = _("hearing %(case)s, %(court)s") % {"case": p.case_reference, "court": p.court}
            if h.outcome:
                text += f": {h.outcome}"
            t.append(TimelineEntry(h.date, "hearing", text))
    for m in det.movements.all():
        t.append(TimelineEntry(m.date, "movement", f"{m.get_kind_display()} {m.route}".strip()))
    for cr in det.consular.all():
        t.append(
            TimelineEntry(
                cr.requested_on,
                "consular",
                _("consular access requested by %(state)s through %(power)s: %(status)s")
                % {
                    "state": cr.requesting_state,
                    "power": cr.protecting_power,
                    "status": cr.get_status_display(),
                },
            )
        )
    for n in det.notifications.all():
        t.append(
            TimelineEntry(
                n.date, "notification", f"{n.get_direction_display()}: {n.party} — {n.subject}"
            )
        )
    # newest first; on one day the later step first (the placement after the capture)
    order = {id(e): k for k, e in enumerate(t)}
    t.sort(key=lambda e: (e.date, order[id(e)]), reverse=True)
    return t


@flow("detention.detainee.view", permission="detention.view_detainee", kind="read")
def detainee_page(*, viewer: Actor, detainee_id: Any) -> DetaineePage:
    """Open a detainee's record (page and API alike): the timeline, proceedings,
    isolation counts. The read is audited (``detention.detainee.view``)."""
    det = access_detainee_by_id(viewer, detainee_id)
    proceedings = list(
        det.proceedings.order_by("id").prefetch_related(
            Prefetch("hearings", queryset=Hearing.objects.order_by("date", "id"))
        )
    )
    iso = next(iter(isolation_rows(detainee_ids=[det.pk])), None)
    audit_record(by=viewer, action="detention.detainee.view", obj=det)
    return DetaineePage(
        detainee=det,
        timeline=detainee_timeline(det, proceedings),
        proceedings=proceedings,
        isolation=iso,
        messages=list(det.contacts.filter(kind=FamilyContact.Kind.MESSAGE)[:REPLY_MESSAGES_SHOWN]),
        places=list(DetentionPlace.objects.order_by("name")),
        allowed=allowed_writes(viewer, DETAINEE_WRITES),
    )


# --- places and visits -----------------------------------------------------------


@dataclass(frozen=True)
class PlacesPage:
    places: Sequence[DetentionPlace]  # each with ``held``, ``n_visits``, ``last_visit``
    allowed: frozenset[str]


@flow("detention.place.list", permission="detention.view_detentionplace", kind="read")
def places_list(*, viewer: Actor) -> PlacesPage:
    """Every place with the number held now, its visits and the last visit's date."""
    places = list(
        DetentionPlace.objects.annotate(
            held=Count(
                "placements",
                filter=Q(
                    placements__to_date__isnull=True,
                    placements__detainee__released_on__isnull=True,
                ),
                distinct=True,
            ),
            last_visit=Max("visits__end_date"),
            n_visits=Count("visits", distinct=True),
        ).order_by("name")
    )
    return PlacesPage(places=places, allowed=allowed_writes(viewer, PLACES_WRITES))


@dataclass(frozen=True)
class PlacePage:
    place: DetentionPlace
    visits: Sequence[Visit]  # each with ``n_seen``
    can_see_visits: bool


@flow("detention.place.view", permission="detention.view_detentionplace", kind="read")
def place_page(*, viewer: Actor, place_id: Any) -> PlacePage:
    """A place of detention and its visits (dates, team, number seen; the findings
    stay on the visit page)."""
    place = access_place_by_id(viewer, place_id)
    visits = list(
        place.visits.annotate(n_seen=Count("interviews")).order_by("-end_date", "-id")[:200]
    )
    return PlacePage(
        place=place,
        visits=visits,
        can_see_visits=actor_may(viewer, "detention.view_confidential"),
    )


def detainees_held_at(place: DetentionPlace) -> QuerySet[Detainee]:
    """The detainees held at ``place`` now (for the visit form's choices)."""
    return (
        Detainee.objects.filter(
            placements__place=place,
            placements__to_date__isnull=True,
            released_on__isnull=True,
        )
        .select_related("person")
        .order_by("reference")
        .distinct()
    )


@dataclass(frozen=True)
class VisitFormPage:
    places: list[DetentionPlace]
    place: DetentionPlace | None
    held: QuerySet[Detainee] | None


@flow(
    "detention.visit.form",
    permission=("detention.add_visit", "detention.view_confidential"),
    kind="read",
)
def visit_form_page(*, viewer: Actor, place_id: Any = None) -> VisitFormPage:
    """The visit form: the places to choose from, and once a place is chosen the
    detainees held there now."""
    place = access_place_by_id(viewer, place_id) if place_id not in (None, "") else None
    return VisitFormPage(
        places=list(DetentionPlace.objects.order_by("name")),
        place=place,
        held=detainees_held_at(place) if place else None,
    )


@dataclass(frozen=True)
class VisitPage:
    visit: Visit
    interviews: list[VisitInterview]
    recommendations: list[Recommendation]
    allowed: frozenset[str]


@flow(
    "detention.visit.view",
    permission=("detention.view_visit", "detention.view_confidential"),
    kind="read",
)
def visit_page(*, viewer: Actor, visit_id: Any) -> VisitPage:
    """Open a visit with its confidential findings (audited, ``detention.visit.view``)."""
    visit = access_visit_by_id(viewer, visit_id)
    audit_record(by=viewer, action="detention.visit.view", obj=visit)
    return VisitPage(
        visit=visit,
        interviews=list(visit.interviews.select_related("detainee__person")),
        recommendations=list(visit.recommendations.order_by("id")),
        allowed=allowed_writes(viewer, VISIT_WRITES),
    )


# --- hearings, consular access, dossiers ------------------------------------------


@flow("detention.hearing.list", permission="detention.view_detainee", kind="read")
def hearings_list(
    *, viewer: Actor, days: int = 90, from_date: dt.date | None = None
) -> list[Hearing]:
    """Hearings scheduled from ``from_date`` (today) for ``days`` days."""
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        raise ValidationFailed({"days": [_(HEARING_DAYS_INVALID)]}, message=_(HEARING_DAYS_INVALID))
    return _upcoming_hearings(from_date or dt.date.today(), days)


@dataclass(frozen=True)
class ConsularPage:
    requests: list[ConsularRequest]
    allowed: frozenset[str]


@flow("detention.consular.list", permission="detention.view_consularrequest", kind="read")
def consular_list(*, viewer: Actor, limit: int = 300) -> ConsularPage:
    """Consular-access requests, newest first."""
    return ConsularPage(
        requests=list(
            ConsularRequest.objects.select_related("detainee__person").order_by(
                "-requested_on", "-id"
            )[:limit]
        ),
        allowed=allowed_writes(viewer, CONSULAR_WRITES),
    )


@dataclass(frozen=True)
class DossiersPage:
    dossiers: list[Dossier]
    allowed: frozenset[str]


@flow("detention.dossier.list", permission="detention.view_dossier", kind="read")
def dossiers_list(*, viewer: Actor) -> DossiersPage:
    """Enforced-disappearance dossiers with their submissions."""
    return DossiersPage(
        dossiers=list(
            Dossier.objects.select_related("person")
            .prefetch_related("submissions")
            .order_by("reference")
        ),
        allowed=allowed_writes(viewer, DOSSIERS_WRITES),
    )


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def evidence_verify(item: EvidenceItem) -> bool:
    """True when the stored file still has the SHA-256 recorded on receipt (a missing
    file is not intact)."""
    try:
        with item.file.open("rb") as f:
            return sha256_of(f.read()) == item.sha256
    except (FileNotFoundError, ValueError):
        return False


@dataclass(frozen=True)
class EvidenceRow:
    item: EvidenceItem
    intact: bool  # the stored file still has the SHA-256 recorded on receipt


@dataclass(frozen=True)
class DossierPage:
    dossier: Dossier
    evidence: list[EvidenceRow] = field(default_factory=list)
    submissions: list[Any] = field(default_factory=list)
    allowed: frozenset[str] = frozenset()


@flow("detention.dossier.view", permission="detention.view_dossier", kind="read")
def dossier_page(*, viewer: Actor, dossier_id: Any) -> DossierPage:
    """Open a dossier: evidence with its integrity re-checked, submissions. Dossiers
    are sensitive: the read is audited (``detention.dossier.view``)."""
    dossier = access_dossier_by_id(viewer, dossier_id)
    audit_record(by=viewer, action="detention.dossier.view", obj=dossier)
    return DossierPage(
        dossier=dossier,
        evidence=[EvidenceRow(e, evidence_verify(e)) for e in dossier.evidence.order_by("id")],
        submissions=list(dossier.submissions.all()),
        allowed=allowed_writes(viewer, DOSSIER_WRITES),
    )
