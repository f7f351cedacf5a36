"""Detention pages: translators. Each view parses the request, calls one flow of
:mod:`casework.detention.selectors` (reads) or :mod:`casework.detention.services`
(writes) and renders.

Every write has its own URL and accepts POST only. On success it redirects (302) to
the page it belongs to with a message; when the input is invalid it re-renders that
page with the bound form and its errors, with status 400. Read pages accept GET only
and write nothing but their read-audit entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.core.errors import KintraceError, NotFound, ValidationFailed
from casework.core.forms import add_domain_errors
from casework.core.http import ActorRequest
from casework.detention import forms as F
from casework.detention import selectors as sel
from casework.detention import services as S
from casework.detention.models import Detainee, Recommendation
from casework.detention.report import monthly_report as monthly_report_flow
from casework.detention.selectors import DetaineeFilters

INVALID = 400  # the status of a page re-rendered with a form's errors
RECORDED = gettext_noop("Recorded.")
DETAINEES_PER_PAGE = 50


def _attempt(form: djforms.Form, write: Callable[[], Any]) -> Any | None:
    """Run ``write`` (one flow) when the form is valid; a domain error other than
    NotFound goes on the form. Returns the flow's result, or None when it failed."""
    if not form.is_valid():
        return None
    try:
        return write()
    except NotFound:
        raise
    except KintraceError as exc:
        add_domain_errors(form, exc)
        return None


def _query_form(form: djforms.Form) -> dict[str, Any]:
    """A GET parameters form: its cleaned data, or a 400 naming the problem."""
    if not form.is_valid():
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        first = next(iter(errors.items()))
        raise ValidationFailed(errors, message=f"{first[0]}: {first[1][0]}")
    return form.cleaned_data


# --- dashboard, detainees -----------------------------------------------------------


@require_GET
def dashboard(request: ActorRequest) -> HttpResponse:
    days = _query_form(F.DaysForm(request.GET))["days"]
    page = sel.dashboard_page(viewer=request.user, days=days)
    return render(request, "detention/dashboard.html", {"page": page})


@require_GET
def detainees(request: ActorRequest) -> HttpResponse:
    filters = DetaineeFilters.from_query(request.GET)
    qs = sel.detainees_list(viewer=request.user, filters=filters)
    page = Paginator(qs, DETAINEES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "detention/detainees.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Detainee.Status.choices,
            "querystring": query.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def detainee_new(request: ActorRequest) -> HttpResponse:
    if request.method == "POST":
        form = F.DetaineeForm(request.POST)
        det = _attempt(form, lambda: S.detainee_register(by=request.user, **form.flow_data()))
        if det is not None:
            messages.success(request, _("Detainee %(ref)s registered.") % {"ref": det.reference})
            return redirect("detainee-detail", detainee_id=det.pk)
        status = INVALID
    else:
        form, status = F.DetaineeForm(), 200
    page = sel.detainee_form_page(viewer=request.user)
    F.offer_choices(form, places=page.places)
    return render(
        request,
        "detention/form.html",
        {"form": form, "title": _("Register a detainee")},
        status=status,
    )


DETAINEE_FORMS: dict[str, type[djforms.Form]] = {
    "contact": F.ContactForm,
    "transfer": F.TransferForm,
    "movement": F.MovementForm,
    "proceeding": F.ProceedingForm,
    "hearing": F.HearingForm,
    "notification": F.NotificationForm,
    "verdict": F.VerdictForm,
}
DETAINEE_FORM_TITLES = {
    "contact": gettext_lazy("Record family contact"),
    "transfer": gettext_lazy("Transfer"),
    "movement": gettext_lazy("Release, transfer to another party, repatriation"),
    "proceeding": gettext_lazy("Add legal proceedings"),
    "hearing": gettext_lazy("Add a hearing"),
    "notification": gettext_lazy("Information exchanged between the parties"),
    "verdict": gettext_lazy("Verdict, sentence, appeal"),
}
DETAINEE_FORM_URLS = {
    "contact": "detainee-contact",
    "transfer": "detainee-transfer",
    "movement": "detainee-movement",
    "proceeding": "detainee-proceeding",
    "hearing": "detainee-hearing",
    "notification": "detainee-notification",
    "verdict": "detainee-verdict",
}


def _detainee_response(
    request: ActorRequest,
    detainee_id: int,
    bound: tuple[str, djforms.Form] | None = None,
) -> HttpResponse:
    page = sel.detainee_page(viewer=request.user, detainee_id=detainee_id)
    if bound is not None and bound[0] not in page.allowed:
        raise NotFound()
    sections = []
    for key, form_class in DETAINEE_FORMS.items():
        if key not in page.allowed:
            continue
        is_bound = bound is not None and bound[0] == key
        if key in ("hearing", "verdict") and not page.proceedings and not is_bound:
            continue
        form = bound[1] if bound is not None and is_bound else form_class()
        F.offer_choices(
            form, places=page.places, proceedings=page.proceedings, messages=page.messages
        )
        sections.append(
            {
                "key": key,
                "title": DETAINEE_FORM_TITLES[key],
                "url": DETAINEE_FORM_URLS[key],
                "form": form,
            }
        )
    return render(
        request,
        "detention/detainee_detail.html",
        {"page": page, "det": page.detainee, "sections": sections},
        status=INVALID if bound is not None else 200,
    )


@require_GET
def detainee_detail(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_response(request, detainee_id)


def _detainee_write(
    request: ActorRequest, detainee_id: int, key: str, write: Callable[..., Any]
) -> HttpResponse:
    form = DETAINEE_FORMS[key](request.POST)
    done = _attempt(form, lambda: write(detainee=detainee_id, by=request.user, **form.cleaned_data))
    if done is not None:
        messages.success(request, _(RECORDED))
        return redirect("detainee-detail", detainee_id=detainee_id)
    return _detainee_response(request, detainee_id, bound=(key, form))


@require_POST
def detainee_contact(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "contact", S.family_contact_record)


@require_POST
def detainee_transfer(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "transfer", S.detainee_transfer)


@require_POST
def detainee_movement(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "movement", S.movement_record)


@require_POST
def detainee_proceeding(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "proceeding", S.proceeding_add)


@require_POST
def detainee_hearing(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "hearing", S.hearing_add)


@require_POST
def detainee_notification(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "notification", S.notification_record)


@require_POST
def detainee_verdict(request: ActorRequest, detainee_id: int) -> HttpResponse:
    return _detainee_write(request, detainee_id, "verdict", S.proceeding_update)


# --- places and visits ------------------------------------------------------------------


def _places_response(request: ActorRequest, form: djforms.Form | None = None) -> HttpResponse:
    page = sel.places_list(viewer=request.user)
    if form is not None and "new" not in page.allowed:
        raise NotFound()
    return render(
        request,
        "detention/places.html",
        {"page": page, "form": form or F.PlaceForm()},
        status=INVALID if form is not None else 200,
    )


@require_GET
def places(request: ActorRequest) -> HttpResponse:
    return _places_response(request)


@require_POST
def place_new(request: ActorRequest) -> HttpResponse:
    form = F.PlaceForm(request.POST)
    place = _attempt(form, lambda: S.place_create(by=request.user, **form.cleaned_data))
    if place is not None:
        messages.success(request, _("Place recorded."))
        return redirect("detention-place", place_id=place.pk)
    return _places_response(request, form)


@require_GET
def place_detail(request: ActorRequest, place_id: int) -> HttpResponse:
    page = sel.place_page(viewer=request.user, place_id=place_id)
    return render(request, "detention/place_detail.html", {"page": page, "place": page.place})


@require_http_methods(["GET", "POST"])
def visit_new(request: ActorRequest) -> HttpResponse:
    if request.method == "POST":
        form = F.VisitForm(request.POST)
        visit = _attempt(form, lambda: S.visit_record(by=request.user, **form.flow_data()))
        if visit is not None:
            messages.success(
                request,
                _("Visit recorded; %(n)d detainee(s) seen.")
                % {"n": len(form.cleaned_data["seen"])},
            )
            return redirect("visit-detail", visit_id=visit.pk)
        place_id, status = form.cleaned_data.get("place"), INVALID
    else:
        place_id, status = request.GET.get("place") or None, 200
        form = F.VisitForm(initial={"place": place_id} if place_id else None)
    page = sel.visit_form_page(viewer=request.user, place_id=place_id)
    F.offer_choices(form, places=page.places, held=page.held or [])
    return render(
        request, "detention/visit_form.html", {"form": form, "place": page.place}, status=status
    )


def _visit_response(
    request: ActorRequest, visit_id: int, follow: djforms.Form | None = None
) -> HttpResponse:
    page = sel.visit_page(viewer=request.user, visit_id=visit_id)
    if follow is not None and "follow_up" not in page.allowed:
        raise NotFound()
    return render(
        request,
        "detention/visit_detail.html",
        {
            "page": page,
            "visit": page.visit,
            "follow": follow or F.FollowUpForm(),
            "statuses": Recommendation.Status.choices,
        },
        status=INVALID if follow is not None else 200,
    )


@require_GET
def visit_detail(request: ActorRequest, visit_id: int) -> HttpResponse:
    return _visit_response(request, visit_id)


@require_POST
def visit_follow_up(request: ActorRequest, visit_id: int) -> HttpResponse:
    form = F.FollowUpForm(request.POST)
    rec = _attempt(
        form,
        lambda: S.recommendation_follow_up(visit=visit_id, by=request.user, **form.cleaned_data),
    )
    if rec is not None:
        messages.success(request, _("Follow-up recorded."))
        return redirect("visit-detail", visit_id=visit_id)
    return _visit_response(request, visit_id, form)


# --- hearings, consular access, dossiers, report ---------------------------------------


@require_GET
def hearings(request: ActorRequest) -> HttpResponse:
    return render(
        request,
        "detention/hearings.html",
        {"hearings": sel.hearings_list(viewer=request.user, days=365)},
    )


def _consular_response(
    request: ActorRequest,
    new: djforms.Form | None = None,
    update: tuple[int, djforms.Form] | None = None,
) -> HttpResponse:
    page = sel.consular_list(viewer=request.user)
    bound_key = "new" if new is not None else "update" if update is not None else None
    if bound_key is not None and bound_key not in page.allowed:
        raise NotFound()
    return render(
        request,
        "detention/consular.html",
        {
            "page": page,
            "form": new or F.ConsularForm(),
            "update_form": update[1] if update else F.ConsularUpdateForm(),
            "update_id": update[0] if update else None,
        },
        status=INVALID if bound_key else 200,
    )


@require_GET
def consular(request: ActorRequest) -> HttpResponse:
    return _consular_response(request)


@require_POST
def consular_new(request: ActorRequest) -> HttpResponse:
    form = F.ConsularForm(request.POST)
    done = _attempt(form, lambda: S.consular_request_create(by=request.user, **form.cleaned_data))
    if done is not None:
        messages.success(request, _("Request recorded."))
        return redirect("consular")
    return _consular_response(request, new=form)


@require_POST
def consular_update(request: ActorRequest, request_id: int) -> HttpResponse:
    form = F.ConsularUpdateForm(request.POST)
    done = _attempt(
        form,
        lambda: S.consular_request_update(request=request_id, by=request.user, **form.cleaned_data),
    )
    if done is not None:
        messages.success(request, _("Request updated."))
        return redirect("consular")
    return _consular_response(request, update=(request_id, form))


def _dossiers_response(request: ActorRequest, form: djforms.Form | None = None) -> HttpResponse:
    page = sel.dossiers_list(viewer=request.user)
    if form is not None and "new" not in page.allowed:
        raise NotFound()
    return render(
        request,
        "detention/dossiers.html",
        {"page": page, "form": form or F.DossierForm()},
        status=INVALID if form is not None else 200,
    )


@require_GET
def dossiers(request: ActorRequest) -> HttpResponse:
    return _dossiers_response(request)


@require_POST
def dossier_new(request: ActorRequest) -> HttpResponse:
    form = F.DossierForm(request.POST)
    dossier = _attempt(form, lambda: S.dossier_create(by=request.user, **form.flow_data()))
    if dossier is not None:
        messages.success(request, _("Dossier %(ref)s opened.") % {"ref": dossier.reference})
        return redirect("dossier-detail", dossier_id=dossier.pk)
    return _dossiers_response(request, form)


def _dossier_response(
    request: ActorRequest, dossier_id: int, bound: tuple[str, djforms.Form] | None = None
) -> HttpResponse:
    page = sel.dossier_page(viewer=request.user, dossier_id=dossier_id)
    if bound is not None and bound[0] not in page.allowed:
        raise NotFound()
    forms_: dict[str, djforms.Form | None] = {
        "evidence": F.EvidenceForm(),
        "submission": F.SubmissionForm(),
        "custody": None,
    }
    if bound is not None:
        forms_[bound[0]] = bound[1]
    return render(
        request,
        "detention/dossier_detail.html",
        {
            "page": page,
            "dossier": page.dossier,
            "evidence_form": forms_["evidence"],
            "submission_form": forms_["submission"],
            "custody_form": forms_["custody"],
        },
        status=INVALID if bound is not None else 200,
    )


@require_GET
def dossier_detail(request: ActorRequest, dossier_id: int) -> HttpResponse:
    return _dossier_response(request, dossier_id)


@require_POST
def dossier_evidence(request: ActorRequest, dossier_id: int) -> HttpResponse:
    form = F.EvidenceForm(request.POST, request.FILES)
    done = _attempt(
        form, lambda: S.evidence_add(dossier=dossier_id, by=request.user, **form.flow_data())
    )
    if done is not None:
        messages.success(request, _("Evidence stored with its SHA-256."))
        return redirect("dossier-detail", dossier_id=dossier_id)
    return _dossier_response(request, dossier_id, ("evidence", form))


@require_POST
def dossier_custody(request: ActorRequest, dossier_id: int) -> HttpResponse:
    form = F.CustodyStepForm(request.POST)
    done = _attempt(
        form,
        lambda: S.evidence_custody_add(dossier=dossier_id, by=request.user, **form.cleaned_data),
    )
    if done is not None:
        messages.success(request, _("Custody step recorded."))
        return redirect("dossier-detail", dossier_id=dossier_id)
    return _dossier_response(request, dossier_id, ("custody", form))


@require_POST
def dossier_submission(request: ActorRequest, dossier_id: int) -> HttpResponse:
    form = F.SubmissionForm(request.POST)
    done = _attempt(
        form,
        lambda: S.submission_add(dossier=dossier_id, by=request.user, **form.cleaned_data),
    )
    if done is not None:
        messages.success(request, _("Submission recorded."))
        return redirect("dossier-detail", dossier_id=dossier_id)
    return _dossier_response(request, dossier_id, ("submission", form))


@require_GET
def monthly_report(request: ActorRequest) -> HttpResponse:
    report = monthly_report_flow(viewer=request.user, month=request.GET.get("month", ""))
    response = HttpResponse(report.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response
