"""Identification pages (forensic specialists) and the DNA side of a case: translators
over the identification and samples flows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.core.errors import ImportRejected, InvalidTransition, ValidationFailed
from casework.core.forms import add_domain_errors
from casework.core.http import ActorRequest
from casework.identification import selectors as sel
from casework.identification.forms import DecideForm, ProfilesUploadForm, ProposeForm, StepForm
from casework.identification.services import (
    identification_decide,
    identification_propose,
    identification_report,
    identification_step,
    matching_run_create,
    profiles_import,
)
from casework.identification.tasks import run_matching
from casework.samples.forms import CustodyForm, MemberForm, SampleForm, WithdrawForm
from casework.samples.selectors import pedigree_choices
from casework.samples.services import (
    pedigree_member_add,
    pedigree_start,
    sample_custody_transfer,
    sample_register,
    sample_withdraw_consent,
)

# -- overview and runs ------------------------------------------------------------------


@require_GET
def overview(request: ActorRequest) -> HttpResponse:
    page = sel.identification_overview(viewer=request.user, page=request.GET.get("page"))
    return render(request, "identification/overview.html", {"o": page, "page": page.page})


@require_POST
def run_start(request: ActorRequest) -> HttpResponse:
    run = matching_run_create(by=request.user)
    run_matching.enqueue(run.pk)
    messages.success(request, _("Matching run #%(n)s started.") % {"n": run.pk})
    return redirect("run-detail", run_id=run.pk)


@require_GET
def run_detail(request: ActorRequest, run_id: int) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        ctx = {"r": sel.run_progress(viewer=request.user, run_id=run_id)}
        return render(request, "identification/run_detail.html#progress", ctx)
    ctx = {"r": sel.run_page(viewer=request.user, run_id=run_id)}
    return render(request, "identification/run_detail.html", ctx)


# -- remains and decisions --------------------------------------------------------------


def _remains_response(request: ActorRequest, remains_id: int, form: ProposeForm | None = None):
    page = sel.remains_page(viewer=request.user, remains_id=remains_id)
    return render(
        request,
        "identification/remains_detail.html",
        {
            "p": page,
            "remains": page.remains,
            "top": page.top,
            "form": form or ProposeForm(initial={"candidate": page.top.pk if page.top else None}),
        },
    )


@require_GET
def remains_detail(request: ActorRequest, remains_id: int) -> HttpResponse:
    return _remains_response(request, remains_id)


@require_POST
def remains_propose(request: ActorRequest, remains_id: int) -> HttpResponse:
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            ident = identification_propose(
                candidate_id=form.cleaned_data["candidate"],
                override_reason=form.cleaned_data["override_reason"],
                by=request.user,
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request, _("Identification proposed; a second specialist must confirm it.")
            )
            return redirect("identification-detail", ident_id=ident.pk)
    return _remains_response(request, remains_id, form)


def _ident_response(request: ActorRequest, ident_id: int, decide=None, step=None):
    page = sel.identification_page(viewer=request.user, ident_id=ident_id)
    return render(
        request,
        "identification/identification_detail.html",
        {
            "p": page,
            "ident": page.ident,
            "decide": decide or DecideForm(),
            "step": step or StepForm(),
        },
    )


@require_GET
def identification_detail(request: ActorRequest, ident_id: int) -> HttpResponse:
    return _ident_response(request, ident_id)


@require_POST
def identification_decide_view(request: ActorRequest, ident_id: int) -> HttpResponse:
    form = DecideForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            ident = identification_decide(
                ident_id=ident_id, decision=d["decision"], note=d["note"], by=request.user
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            if d["decision"] == "confirm":
                messages.success(
                    request,
                    _("Identification confirmed; case %(case)s is identified.")
                    % {"case": ident.case.case_number},
                )
            else:
                messages.success(request, _("Proposal rejected."))
            return redirect("identification-detail", ident_id=ident_id)
    return _ident_response(request, ident_id, decide=form)


@require_POST
def identification_step_view(request: ActorRequest, ident_id: int) -> HttpResponse:
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            identification_step(
                ident_id=ident_id,
                step=form.cleaned_data["step"],
                on=form.cleaned_data["on"],
                by=request.user,
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Step recorded."))
            return redirect("identification-detail", ident_id=ident_id)
    return _ident_response(request, ident_id, step=form)


@require_GET
def identification_report_view(request: ActorRequest, ident_id: int) -> HttpResponse:
    ident, pdf = identification_report(viewer=request.user, ident_id=ident_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="identification-{ident.pk}-{ident.remains.code}.pdf"'
    )
    return response


# -- profile import ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def profiles_upload(request: ActorRequest) -> HttpResponse:
    """Upload a laboratory export (CSV, XLSX, GeneMapper ID-X text)."""
    problems: list[str] = []
    form = ProfilesUploadForm(request.POST or None, request.FILES or None, auto_id="%s")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = upload.name or "upload.csv"
        suffix = Path(name).suffix.lower() or ".csv"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / (Path(name).stem[:60] + suffix)
            path.write_bytes(upload.read())
            try:
                report = profiles_import(
                    path=path,
                    by=request.user,
                    laboratory=form.cleaned_data["lab"],
                    replace=form.cleaned_data["replace"],
                    reason=form.cleaned_data["reason"],
                )
            except ImportRejected as exc:
                problems = exc.problems
            else:
                messages.success(request, report.message())
                for line in report.lines():
                    messages.info(request, line)
                return redirect("identification")
    elif request.method == "POST":
        problems = [f"{k}: {m}" for k, msgs in form.errors.items() for m in msgs]
    page = sel.profiles_upload_page(viewer=request.user)
    return render(
        request,
        "identification/profiles_upload.html",
        {"p": page, "form": form, "problems": problems},
    )


# -- the DNA side of a case -------------------------------------------------------------


def _dna_response(request: ActorRequest, case_id: int, **bound) -> HttpResponse:
    page = sel.case_dna_page(
        viewer=request.user, case_id=case_id, with_power=bool(request.GET.get("power"))
    )
    forms = {
        "member_form": bound.get("member_form") or MemberForm(members=page.members),
        "sample_form": bound.get("sample_form") or SampleForm(members=page.members),
        "custody_form": bound.get("custody_form") or CustodyForm(samples=page.active_samples),
        "withdraw_form": bound.get("withdraw_form") or WithdrawForm(samples=page.active_samples),
    }
    return render(request, "identification/case_dna.html", {"p": page, "case": page.case, **forms})


@require_GET
def case_dna(request: ActorRequest, case_id: int) -> HttpResponse:
    return _dna_response(request, case_id)


@require_POST
def case_pedigree_start(request: ActorRequest, case_id: int) -> HttpResponse:
    pedigree_start(case_id=case_id, by=request.user)
    messages.success(request, _("Family pedigree started."))
    return redirect("case-dna", case_id=case_id)


def _choices_of(case_id: int, request: ActorRequest):
    """The pedigree members and active samples, for binding a posted form's choices."""
    return pedigree_choices(viewer=request.user, case_id=case_id)


@require_POST
def case_member_add(request: ActorRequest, case_id: int) -> HttpResponse:
    members, _samples = _choices_of(case_id, request)
    form = MemberForm(request.POST, members=members)
    if form.is_valid():
        d = form.cleaned_data
        try:
            pedigree_member_add(
                case_id=case_id,
                label=d["label"],
                sex=d["sex"],
                father_id=d["father"] or None,
                mother_id=d["mother"] or None,
                person_id=d["person"],
                by=request.user,
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("%(label)s added to the pedigree.") % {"label": d["label"]})
            return redirect("case-dna", case_id=case_id)
    return _dna_response(request, case_id, member_form=form)


@require_POST
def case_sample_register(request: ActorRequest, case_id: int) -> HttpResponse:
    members, _samples = _choices_of(case_id, request)
    form = SampleForm(request.POST, members=members)
    if form.is_valid():
        d = form.cleaned_data
        try:
            sample = sample_register(
                case_id=case_id,
                member_id=d["member"],
                barcode=d["barcode"],
                collected_on=d["collected_on"],
                holder=d["holder"],
                place=d["place"],
                identification_only=d["identification_only"],
                retention_until=d["retention_until"],
                by=request.user,
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Sample %(b)s registered.") % {"b": sample.barcode})
            return redirect("case-dna", case_id=case_id)
    return _dna_response(request, case_id, sample_form=form)


@require_POST
def case_custody_record(request: ActorRequest, case_id: int) -> HttpResponse:
    _members, samples = _choices_of(case_id, request)
    form = CustodyForm(request.POST, samples=samples)
    if form.is_valid():
        d = form.cleaned_data
        try:
            event = sample_custody_transfer(
                sample_id=d["sample"],
                step=d["step"],
                holder=d["holder"],
                place=d["place"],
                by=request.user,
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                _("Custody of %(b)s: %(step)s.")
                % {"b": event.sample.barcode, "step": event.get_step_display()},
            )
            return redirect("case-dna", case_id=case_id)
    return _dna_response(request, case_id, custody_form=form)


@require_POST
def case_consent_withdraw(request: ActorRequest, case_id: int) -> HttpResponse:
    _members, samples = _choices_of(case_id, request)
    form = WithdrawForm(request.POST, samples=samples)
    if form.is_valid():
        try:
            sample = sample_withdraw_consent(
                sample_id=form.cleaned_data["sample"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except (ValidationFailed, InvalidTransition) as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                _("Consent withdrawn for %(b)s; its profile was destroyed.")
                % {"b": sample.barcode},
            )
            return redirect("case-dna", case_id=case_id)
    return _dna_response(request, case_id, withdraw_form=form)
