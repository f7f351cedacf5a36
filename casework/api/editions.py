from __future__ import annotations

from django.http import HttpResponse
from ninja import Router

from casework.api.schemas import (
    AmendmentOut,
    DiffOut,
    EditionIn,
    EditionOut,
    RemovalOut,
    ResponseIn,
)
from casework.tracing import editions as ed
from casework.tracing.models import ListEdition
from casework.tracing.selectors import RegistryFilters

router = Router(tags=["list editions"])


def edition_out(e: ListEdition) -> EditionOut:
    return EditionOut(
        number=e.number,
        edition_date=e.edition_date,
        recipient=e.recipient,
        criteria=e.criteria,
        entries=e.entries.count(),
    )


@router.get("", response=list[EditionOut], summary="All list editions")
def list_editions(request):
    return [edition_out(e) for e in ed.editions_list(viewer=request.user)]


@router.post("", response={201: EditionOut}, summary="Freeze a new edition")
def create_edition(request, payload: EditionIn):
    criteria = RegistryFilters.from_dict(payload.criteria) if payload.criteria else None
    e = ed.edition_create(
        recipient=payload.recipient,
        edition_date=payload.edition_date,
        criteria=criteria,
        note=payload.note,
        by=request.user,
    )
    return 201, edition_out(e)


@router.get("/{number}", response=EditionOut, summary="One edition's header (no names)")
def get_edition(request, number: int):
    return edition_out(ed.edition_get(viewer=request.user, number=number))


@router.get(
    "/{number}/export.{fmt}",
    summary="The edition as CSV or XLSX (the export is audited)",
    response={200: None},
)
def export_edition(request, number: int, fmt: str):
    export = ed.edition_export(viewer=request.user, number=number, fmt=fmt)
    response = HttpResponse(export.body, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@router.get(
    "/{old}/diff/{new}",
    response=DiffOut,
    summary="What changed between two editions (an audited read)",
)
def diff_editions(request, old: int, new: int):
    d = ed.edition_diff_for(viewer=request.user, old_number=old, new_number=new)
    return DiffOut(
        old=old,
        new=new,
        added=[r["case_number"] for r in d.added],
        removed=[RemovalOut(case_number=r.case_number, reason=r.reason) for r in d.removed],
        amended=[
            AmendmentOut(
                case_number=a.case_number, changes={k: list(v) for k, v in a.changes.items()}
            )
            for a in d.amended
        ],
        unchanged=d.unchanged,
    )


@router.post("/{number}/responses", response={201: dict}, summary="Record an authority response")
def record_response(request, number: int, payload: ResponseIn):
    r = ed.authority_response_record(
        number=number,
        case_number=payload.case_number,
        kind=payload.kind,
        received_on=payload.received_on,
        note=payload.note,
        by=request.user,
    )
    return 201, {"id": r.pk, "case_number": payload.case_number, "kind": r.kind}
