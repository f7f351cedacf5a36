"""Pages of the registry. Each view parses input, calls one flow, renders."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.core.errors import KintraceError, NotFound, ValidationFailed
from casework.core.flows import actor_may
from casework.core.forms import add_domain_errors
from casework.core.http import ActorRequest
from casework.tracing import editions as ed
from casework.tracing import lifecycle
from casework.tracing.forms import (
    CaseEditForm,
    EditionForm,
    EvidenceForm,
    EvidenceReviewForm,
    MergeUndoForm,
    RequestForm,
    ResponseForm,
    SoughtFormSet,
    StatusForm,
)
from casework.tracing.models import CaseStatus
from casework.tracing.selectors import (
    RegistryFilters,
    case_for_change,
    case_page,
    registry_page,
    request_form_choices,
)
from casework.tracing.services import (
    EVIDENCE_DECISION,
    RequestInput,
    case_merge_undo,
    case_status_change,
    case_update,
    generic_targets,
    outcome_evidence_record,
    outcome_evidence_review,
    tracing_request_open,
)


def _int_or_none(value: str | None) -> int | None:
    if not value:
        return None
    try:
        n = int(value)
    except ValueError:
        return None
    return n if -(10**9) < n < 10**9 else None


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


_FIELD_ALIASES = {"names": "given", "enquirer_relationship": "relationship"}


def _attach_errors(form, errors: dict[str, list[str]], prefix: str = "") -> None:
    for key, msgs in errors.items():
        field = key.removeprefix(prefix).split(".")[-1]
        field = _FIELD_ALIASES.get(field, field)
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)


@require_GET
def registry(request: ActorRequest) -> HttpResponse:
    filters = _filters_from(request.GET)
    data = registry_page(viewer=request.user, filters=filters, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "page": data.page,
        "filters": filters,
        "statuses": CaseStatus.choices,
        "events": data.events,
        "places": data.places,
        "regions": data.regions,
        "querystring": query.urlencode(),
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "tracing/registry.html#results", ctx)
    return render(request, "tracing/registry.html", ctx)


def _case_page_response(request: ActorRequest, case_id: int, **forms) -> HttpResponse:
    page = case_page(viewer=request.user, case_id=case_id)
    ctx = {
        "p": page,
        "case": page.case,
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "review_form": forms.get("review_form") or EvidenceReviewForm(),
        "merge_undo_form": forms.get("merge_undo_form") or MergeUndoForm(),
    }
    return render(request, "tracing/case_detail.html", ctx, status=200)


@require_GET
def case_detail(request: ActorRequest, case_id: int) -> HttpResponse:
    return _case_page_response(request, case_id)


@require_http_methods(["GET", "POST"])
def request_create(request: ActorRequest) -> HttpResponse:
    choices = request_form_choices(viewer=request.user)
    form = RequestForm(request.POST or None)
    formset = SoughtFormSet(request.POST or None, prefix="sought")
    if request.method == "POST":
        form_ok = form.is_valid()
        sets_ok = formset.is_valid()
        filled = [f for f in formset.forms if f.is_valid() and not f.is_blank()] if sets_ok else []
        if sets_ok and not filled:
            formset.forms[0].add_error("given", _("Give the name of at least one sought person."))
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
                cases = sorted(tr.cases.all(), key=lambda c: c.case_number)
                messages.success(
                    request,
                    _("Tracing request %(ref)s opened: %(cases)s")
                    % {"ref": tr.reference, "cases": ", ".join(c.case_number for c in cases)},
                )
                return redirect("case-detail", case_id=cases[0].pk)
    return render(
        request,
        "tracing/request_form.html",
        {"form": form, "formset": formset, "events": choices.events, "places": choices.places},
    )


def _case_initial(case) -> dict:
    return {
        "disappearance": str(case.disappearance or ""),
        "disappearance_place": case.disappearance_place.name if case.disappearance_place else "",
        "event": case.event.name if case.event else "",
        "last_seen_where": case.last_seen_where,
        "last_seen_when": case.last_seen_when,
        "last_seen_by": case.last_seen_by,
        "circumstances": case.circumstances,
    }


@require_http_methods(["GET", "POST"])
def case_edit(request: ActorRequest, case_id: int) -> HttpResponse:
    form = CaseEditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = case_update(
                case_id=case_id,
                by=request.user,
                reason=form.cleaned_data["reason"],
                data=form.circumstances_input(),
            )
        except ValidationFailed as exc:
            _attach_errors(form, exc.errors)
        else:
            messages.success(request, _("Case %(n)s updated.") % {"n": case.case_number})
            return redirect("case-detail", case_id=case.pk)
    case = case_for_change(viewer=request.user, case_id=case_id)
    if request.method == "GET":
        form = CaseEditForm(initial=_case_initial(case))
    return render(request, "tracing/case_edit.html", {"case": case, "form": form})


@require_http_methods(["GET", "POST"])
def case_status(request: ActorRequest, case_id: int) -> HttpResponse:
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = case_status_change(
                case_id=case_id,
                to_status=d["to_status"],
                by=request.user,
                reason=d["reason"],
                close_reason=d["close_reason"],
                merged_into=d["merged_into"],
            )
        except KintraceError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request, f"{_('Case')} {case.case_number}: {case.get_status_display()}."
            )
            return redirect("case-detail", case_id=case.pk)
    case = case_for_change(viewer=request.user, case_id=case_id)
    targets = generic_targets(case.status)
    if request.method == "GET":
        form = StatusForm(targets=targets)
    else:
        form.fields["to_status"].choices = [  # type: ignore[attr-defined]
            (t, CaseStatus(t).label) for t in targets
        ]
    return render(
        request,
        "tracing/case_status.html",
        {"case": case, "form": form, "targets": [CaseStatus(t).label for t in targets]},
    )


@require_http_methods(["GET", "POST"])
def outcome_evidence_new(request: ActorRequest, case_id: int) -> HttpResponse:
    form = EvidenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = outcome_evidence_record(
                case_id=case_id, data=form.evidence_input(), by=request.user
            )
        except KintraceError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                _("Evidence recorded; a second officer reviews it before the case becomes “%(o)s”.")
                % {"o": evidence.get_outcome_display()},
            )
            return redirect("case-detail", case_id=case_id)
    case = case_for_change(viewer=request.user, case_id=case_id)
    return render(request, "tracing/outcome_evidence_form.html", {"case": case, "form": form})


@require_POST
def outcome_evidence_review_view(
    request: ActorRequest, case_id: int, evidence_id: int
) -> HttpResponse:
    form = EvidenceReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, EVIDENCE_DECISION)
        return redirect("case-detail", case_id=case_id)
    try:
        evidence = outcome_evidence_review(
            case_id=case_id,
            evidence_id=evidence_id,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except NotFound:
        raise
    except KintraceError as exc:
        messages.error(request, _error_text(exc))
        return redirect("case-detail", case_id=case_id)
    messages.success(request, _("Evidence %(status)s.") % {"status": evidence.get_status_display()})
    return redirect("case-detail", case_id=case_id)


def _error_text(exc: KintraceError) -> str:
    if isinstance(exc, ValidationFailed):
        return " ".join(m for msgs in exc.errors.values() for m in msgs)
    return exc.message


@require_POST
def case_merge_undo_view(request: ActorRequest, case_id: int) -> HttpResponse:
    form = MergeUndoForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        case = case_merge_undo(case_id=case_id, reason=reason, by=request.user)
    except NotFound:
        raise
    except KintraceError as exc:
        messages.error(request, _error_text(exc))
        return redirect("case-detail", case_id=case_id)
    messages.success(
        request,
        _("Merge undone: %(n)s is “%(s)s” again.")
        % {"n": case.case_number, "s": case.get_status_display()},
    )
    return redirect("case-detail", case_id=case.pk)


# --- list editions ---------------------------------------------------------------


@require_GET
def editions(request: ActorRequest) -> HttpResponse:
    return render(
        request,
        "tracing/editions.html",
        {
            "editions": ed.editions_list(viewer=request.user),
            "can_create": actor_may(request.user, "tracing.add_listedition"),  # the button
        },
    )


@require_http_methods(["GET", "POST"])
def edition_create(request: ActorRequest) -> HttpResponse:
    form = EditionForm(request.POST or None)
    if request.method == "GET":
        # The form page is for those who may freeze an edition (a refusal is 404).
        ed.edition_form_open(viewer=request.user)
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
                request,
                _("Edition %(n)s frozen with %(k)s cases.")
                % {"n": edition.number, "k": edition.entries.count()},
            )
            return redirect("edition-detail", number=edition.number)
    return render(request, "tracing/edition_form.html", {"form": form})


@require_GET
def edition_detail(request: ActorRequest, number: int) -> HttpResponse:
    page = ed.edition_page(
        viewer=request.user,
        number=number,
        q=request.GET.get("q", "").strip(),
        page=request.GET.get("page"),
    )
    return render(
        request,
        "tracing/edition_detail.html",
        {
            "edition": page.edition,
            "page": page.page,
            "previous": page.previous,
            "criteria": page.criteria,
            "others": page.others,
            "columns": ed.COLUMNS[:4]
            + [("disappearance_date", _("Disappeared")), ("status", _("Status"))],
            "can_respond": page.can_respond,
            "q": page.q,
        },
    )


@require_GET
def edition_diff(request: ActorRequest, old: int, new: int) -> HttpResponse:
    diff = ed.edition_diff_for(viewer=request.user, old_number=old, new_number=new)
    return render(request, "tracing/edition_diff.html", {"diff": diff, "labels": dict(ed.COLUMNS)})


@require_GET
def edition_export(request: ActorRequest, number: int, fmt: str) -> HttpResponse:
    export = ed.edition_export(viewer=request.user, number=number, fmt=fmt)
    response = HttpResponse(export.body, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@require_http_methods(["GET", "POST"])
def edition_response(request: ActorRequest, number: int) -> HttpResponse:
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            ed.authority_response_record(
                number=number,
                case_number=d["case_number"].strip(),
                kind=d["kind"],
                received_on=d["received_on"],
                note=d["note"],
                by=request.user,
            )
        except ValidationFailed as exc:
            _attach_errors(form, exc.errors)
        else:
            messages.success(request, _("Response recorded for %(n)s.") % {"n": d["case_number"]})
            return redirect("edition-detail", number=number)
    edition = ed.edition_for_response(viewer=request.user, number=number)
    return render(request, "tracing/edition_response.html", {"edition": edition, "form": form})
