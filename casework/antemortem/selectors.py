"""Reads of ante-mortem data: the AM page of a case and its photographs, each an
audited read behind the access check (missing and forbidden look alike)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.antemortem.models import TEETH, AMPhoto, AMRecord, ToothStatus
from casework.core.access import parse_id
from casework.core.audit import audit_record
from casework.core.errors import NotFound
from casework.core.flows import Actor, actor_may, flow, require_actor
from casework.tracing.models import Case
from casework.tracing.selectors import access_case_by_id

VIEW = "antemortem.view_amrecord"
EDIT = "antemortem.change_amrecord"


def access_am_case(user: Actor, case_id: Any) -> Case:
    """The case, if the user may see its AM data."""
    require_actor(user, VIEW)
    return access_case_by_id(user, parse_id(case_id))


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    done: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.of) if self.of else 0


SECTIONS = (
    ("physical", "Physical description", 5),
    ("marks", "Distinctive marks", 1),
    ("medical", "Medical history", 1),
    ("dental", "Dental history", 2),
    ("clothing", "Clothing and effects", 2),
    ("photos", "Photographs", 1),
)


def completeness(record: AMRecord | None) -> list[Section]:
    """Per section of the AM form: how many of its elements are filled."""
    if record is None:
        return [Section(k, label, 0, n) for k, label, n in SECTIONS]
    r = record
    physical = [
        r.age_at_disappearance is not None,
        r.stature_min is not None,
        bool(r.build),
        bool(r.hair),
        bool(r.eyes),
    ]
    charted = any(v for v in (r.dental_chart or {}).values())
    done = {
        "physical": sum(physical),
        "marks": int(bool(r.marks.strip())),
        "medical": int(bool(r.medical.strip())),
        "dental": int(charted) + int(bool(r.dental_notes.strip() or r.dentist.strip())),
        "clothing": int(bool(r.clothing.strip())) + int(bool(r.effects.strip())),
        "photos": int(r.photos.exists()),
    }
    return [Section(k, label, done[k], n) for k, label, n in SECTIONS]


@dataclass(frozen=True)
class AMPage:
    """What the AM page of a case shows."""

    case: Case
    record: AMRecord | None
    photos: list[AMPhoto]
    sections: list[Section]
    chart: list[tuple[int, str]]
    can_edit: bool


def am_page_data(viewer: Actor, case: Case) -> AMPage:
    record = AMRecord.objects.filter(case=case).first()
    return AMPage(
        case=case,
        record=record,
        photos=list(record.photos.order_by("id")) if record else [],
        sections=completeness(record),
        chart=[
            (t, ToothStatus(record.dental_chart.get(str(t), "")).label if record else "")
            for t in TEETH
        ],
        can_edit=actor_may(viewer, EDIT),
    )


@flow("antemortem.record.view", permission=VIEW, kind="read")
def case_am_page(*, viewer: Actor, case_id: int) -> AMPage:
    """Open the AM data of a case: access check, read, audit entry."""
    case = access_am_case(viewer, case_id)
    page = am_page_data(viewer, case)
    audit_record(by=viewer, action="antemortem.record.view", obj=case)
    return page


@flow("antemortem.photo.view", permission=VIEW, kind="read")
def am_photo_open(*, viewer: Actor, photo_id: int) -> AMPhoto:
    """A photograph of an AM record of a case the viewer may see; the read is audited."""
    photo = AMPhoto.objects.select_related("record__case").filter(pk=parse_id(photo_id)).first()
    if photo is None:
        raise NotFound()
    access_am_case(viewer, photo.record.case_id)
    audit_record(by=viewer, action="antemortem.photo.view", obj=photo.record)
    return photo
