"""Pages of the registry. Views parse input, call one service or selector, render."""

from __future__ import annotations

from django import forms as djforms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.core.access import has_perm, require_perm
from casework.core.errors import KintraceError, NotFound, ValidationFailed
from casework.persons.models import Place
from casework.persons.selectors import person_open, person_relatives
from casework.tracing import editions as ed
from casework.tracing import lifecycle
from casework.tracing.forms import (
    CaseEditForm,
    EditionForm,
    RequestForm,
    ResponseForm,
    SoughtFormSet,
    StatusForm,
)
from casework.tracing.models import CaseStatus, Event, ListEdition
from casework.tracing.selectors import (
    RegistryFilters,
    access_case_by_id,
    access_case_by_number,
    case_history,
    case_open,
    registry_filter_choices,
    registry_list,
)
from casework.tracing.services import (
    RequestInput,
    case_set_status,
    case_update,
    tracing_request_open,
)


def _int_or_none(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _filters_from(params) -> RegistryFilters:
    return RegistryFilters(
        q=params.get("q", "").strip(),
        status=[s for s in params.getlist("status") if s in CaseStatus.values],
        event=_int_or_none(params.get("event")),
        place=_int_or_none(params.get("place")),
        region=params.get("region", "").strip(),
        sex=params.get("sex", "") if params.get("sex", "") in ("M", "F", "U") else "",
        disappeared_from=_int_or_none(params.get("from")),
        disappeared_to=_int_or_none(params.get("to")),
    )


def _attach_errors(form: djforms.Form, errors: dict[str, list[str]], prefix: str = "") -> None:
    for key, msgs in errors.items():
        field = key.removeprefix(prefix).split(".")[-1]
        field = {
            "names": "given",
            "disappearance": "disappearance",
            "birth": "birth",
            "enquirer_relationship": "relationship",
        }.get(field, field)
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)


def registry(request: HttpRequest) -> HttpResponse:
    filters = _filters_from(request.GET)
    qs = registry_list(viewer=request.user, filters=filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "page": page,
        "filters": filters,
        "statuses": CaseStatus.choices,
        **registry_filter_choices(),
        "querystring": query.urlencode(),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "tracing/registry.html#results", ctx)
    return render(request, "tracing/registry.html", ctx)


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_open(viewer=request.user, case_id=case_id)
    names = list(case.person.names.all())
    ctx = {
        "case": case,
        "names": names,
        "siblings": case.request.cases.exclude(pk=case.pk).select_related("person"),
        "status_changes": case.status_changes.select_related("by"),
        "history": case_history(viewer=request.user, case=case),
        "editions": case.edition_entries.select_related("edition")
        .prefetch_related("responses")
        .order_by("edition__number"),
        "can_edit": has_perm(request.user, "tracing.change_case"),
        "can_see_dna": has_perm(request.user, "antemortem.view_familypedigree"),
        "status_form": StatusForm(),
        "targets": lifecycle.allowed_targets(case.status),
    }
    return render(request, "tracing/case_detail.html", ctx)


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_open(viewer=request.user, person_id=person_id)
    return render(
        request,
        "tracing/person_detail.html",
        {
            "person": person,
            "names": person.names.all(),
            "documents": person.documents.all(),
            "relatives": person_relatives(person),
            "can_edit": has_perm(request.user, "persons.change_person"),
            "cases": person.cases.all() if has_perm(request.user, "tracing.view_case") else [],
            "requests": person.requests_made.prefetch_related("cases")
            if has_perm(request.user, "tracing.view_tracingrequest")
            else [],
        },
    )


def request_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "tracing.add_tracingrequest")
    form = RequestForm(request.POST or None)
    formset = SoughtFormSet(request.POST or None, prefix="sought")
    if request.method == "POST":
        form_ok = form.is_valid()
        sets_ok = formset.is_valid()
        filled = [f for f in formset.forms if f.is_valid() and not f.is_blank()] if sets_ok else []
        if sets_ok and not filled:
            formset.forms[0].add_error("given", "Give the name of at least one sought person.")
        if form_ok and sets_ok and filled:
            d = form.cleaned_data
            data = RequestInput(
                enquirer=form.enquirer(),
                enquirer_relationship=d["relationship"],
                sought=[f.sought() for f in filled],
                received_on=d["received_on"],
                legal_basis=d["legal_basis"],
                purpose=d["purpose"],
                consent_given=d["consent_given"],
                consent_date=d["consent_date"],
            )
            try:
                tr = tracing_request_open(data=data, by=request.user)
            except ValidationFailed as exc:
                enquirer_errors = {k: v for k, v in exc.errors.items() if k.startswith("enquirer.")}
                _attach_errors(form, enquirer_errors, "enquirer.")
                other = {
                    k: v for k, v in exc.errors.items() if not k.startswith(("enquirer.", "sought"))
                }
                _attach_errors(form, other)
                for key, msgs in exc.errors.items():
                    if key.startswith("sought"):
                        idx = int(key[7]) if key.startswith("sought[") else 0
                        _attach_errors(filled[idx], {key: msgs})
            else:
                first = tr.cases.order_by("case_number").first()
                messages.success(
                    request,
                    f"Tracing request {tr.reference} opened: "
                    + ", ".join(c.case_number for c in tr.cases.all()),
                )
                return redirect("case-detail", case_id=first.pk) if first else redirect("registry")
    return render(
        request,
        "tracing/request_form.html",
        {
            "form": form,
            "formset": formset,
            "events": Event.objects.order_by("name").values_list("name", flat=True),
            "places": Place.objects.order_by("name").values_list("name", flat=True)[:500],
        },
    )


def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request.user, "tracing.change_case")
    case = access_case_by_id(request.user, case_id)
    initial = {
        "disappearance": str(case.disappearance or ""),
        "disappearance_place": case.disappearance_place.name if case.disappearance_place else "",
        "event": case.event.name if case.event else "",
        "last_seen_where": case.last_seen_where,
        "last_seen_when": case.last_seen_when,
        "last_seen_by": case.last_seen_by,
        "circumstances": case.circumstances,
    }
    form = CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case_update(
                case=case,
                by=request.user,
                reason=d["reason"],
                data=form.circumstances_input(),
            )
        except ValidationFailed as exc:
            _attach_errors(form, exc.errors)
        else:
            messages.success(request, f"Case {case.case_number} updated.")
            return redirect("case-detail", case_id=case.pk)
    return render(request, "tracing/case_edit.html", {"case": case, "form": form})


def case_status(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request.user, "tracing.change_case")
    case = access_case_by_id(request.user, case_id)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            merged = (
                access_case_by_number(request.user, d["merged_into"].strip())
                if d["merged_into"].strip()
                else None
            )
        except NotFound:
            form.add_error("merged_into", f"No case {d['merged_into']}.")
        else:
            try:
                case_set_status(
                    case=case,
                    to_status=d["to_status"],
                    by=request.user,
                    reason=d["reason"],
                    close_reason=d["close_reason"],
                    merged_into=merged,
                )
            except ValidationFailed as exc:
                _attach_errors(form, exc.errors)
            except KintraceError as exc:
                form.add_error("to_status", exc.message)
            else:
                messages.success(request, f"Case {case.case_number}: {case.get_status_display()}.")
                return redirect("case-detail", case_id=case.pk)
    return render(
        request,
        "tracing/case_status.html",
        {
            "case": case,
            "form": form,
            "targets": lifecycle.allowed_targets(case.status),
        },
    )


# --- list editions ---------------------------------------------------------------


def editions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tracing/editions.html",
        {
            "editions": ed.editions_list(viewer=request.user),
            "can_create": has_perm(request.user, "tracing.add_listedition"),
        },
    )


def edition_create(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "tracing.add_listedition")
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        criteria = RegistryFilters(
            status=d["status"] or [str(s) for s in lifecycle.ACTIVE],
            region=d["region"],
            disappeared_from=d["disappeared_from"],
            disappeared_to=d["disappeared_to"],
        )
        try:
            edition = ed.edition_create(
                recipient=d["recipient"],
                edition_date=d["edition_date"],
                criteria=criteria,
                note=d["note"],
                by=request.user,
            )
        except ValidationFailed as exc:
            _attach_errors(form, exc.errors)
        else:
            messages.success(
                request, f"Edition {edition.number} frozen with {edition.entries.count()} cases."
            )
            return redirect("edition-detail", number=edition.number)
    return render(request, "tracing/edition_form.html", {"form": form})


def edition_detail(request: HttpRequest, number: int) -> HttpResponse:
    edition = ed.access_edition(request.user, number)
    entries = edition.entries.prefetch_related("responses").order_by("case_number")
    q = request.GET.get("q", "").strip()
    if q:
        entries = entries.filter(case_number__icontains=q)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    previous = ListEdition.objects.filter(number__lt=number).order_by("-number").first()
    return render(
        request,
        "tracing/edition_detail.html",
        {
            "edition": edition,
            "page": page,
            "previous": previous,
            "criteria": RegistryFilters.from_dict(edition.criteria).describe(),
            "others": ListEdition.objects.exclude(pk=edition.pk).order_by("number"),
            "columns": ed.COLUMNS[:4]
            + [("disappearance_date", "Disappeared"), ("status", "Status")],
            "can_respond": has_perm(request.user, "tracing.add_authorityresponse"),
            "response_form": ResponseForm(),
            "q": q,
        },
    )


def edition_diff(request: HttpRequest, old: int, new: int) -> HttpResponse:
    diff = ed.edition_diff_for(viewer=request.user, old_number=old, new_number=new)
    labels = dict(ed.COLUMNS)
    return render(request, "tracing/edition_diff.html", {"diff": diff, "labels": labels})


def edition_export(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    edition = ed.access_edition(request.user, number)
    if fmt == "csv":
        body = ed.edition_export_csv(edition, by=request.user)
        ctype = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = ed.edition_export_xlsx(edition, by=request.user)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise NotFound()
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = (
        f'attachment; filename="kintrace-edition-{edition.number:02d}.{fmt}"'
    )
    return response


def edition_response(request: HttpRequest, number: int) -> HttpResponse:
    require_perm(request.user, "tracing.add_authorityresponse")
    edition = ed.access_edition(request.user, number)
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            ed.authority_response_record(
                edition=edition,
                case_number=d["case_number"].strip(),
                kind=d["kind"],
                received_on=d["received_on"],
                note=d["note"],
                by=request.user,
            )
        except ValidationFailed as exc:
            _attach_errors(form, exc.errors)
        else:
            messages.success(request, f"Response recorded for {d['case_number']}.")
            return redirect("edition-detail", number=edition.number)
    return render(request, "tracing/edition_response.html", {"edition": edition, "form": form})
