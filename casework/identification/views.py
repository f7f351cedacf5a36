"""Identification pages (forensic specialists)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.antemortem.models import FamilyPedigree
from casework.antemortem.pedigree_svg import pedigree_svg
from casework.core.access import has_perm, require_perm
from casework.core.audit import audit_record
from casework.core.errors import KintraceError, ValidationFailed
from casework.identification import selectors as sel
from casework.identification.decisions import (
    ConfirmIdentification,
    ProposeIdentification,
    RejectIdentification,
    identification_record_step,
    identification_report_pdf,
    posterior_threshold,
)
from casework.identification.forms import DecideForm, ProposeForm, StepForm
from casework.identification.matching import explain, matching_run_create
from casework.identification.models import Identification, MatchingRun
from casework.identification.nondna import compare


def overview(request: HttpRequest) -> HttpResponse:
    remains, best, run = sel.remains_overview(viewer=request.user)
    page = Paginator(remains, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "identification/overview.html",
        {
            "page": page,
            "best": best,
            "run": run,
            "runs": MatchingRun.objects.order_by("-id")[:5],
            "threshold": posterior_threshold(),
            "identifications": Identification.objects.select_related(
                "remains", "case__person"
            ).order_by("-proposed_at")[:20],
            "can_run": has_perm(request.user, "identification.add_matchingrun"),
        },
    )


def run_start(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "identification.add_matchingrun")
    if request.method != "POST":
        return redirect("identification")
    from casework.identification.tasks import run_matching

    run = matching_run_create(by=request.user)
    run_matching.enqueue(run.pk)
    messages.success(request, f"Matching run #{run.pk} started.")
    return redirect("run-detail", run_id=run.pk)


def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = sel.access_run(request.user, run_id)
    ctx = {
        "run": run,
        "pct": int(100 * run.progress_done / run.progress_total) if run.progress_total else 0,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "identification/run_detail.html#progress", ctx)
    return render(request, "identification/run_detail.html", ctx)


def remains_detail(request: HttpRequest, remains_id: int) -> HttpResponse:
    remains = sel.access_remains(request.user, remains_id)
    candidates = sel.remains_candidates(viewer=request.user, remains=remains)
    top = candidates[0] if candidates else None
    svg = ""
    if top:
        ped = FamilyPedigree.objects.filter(case=top.case).first()
        if ped:
            svg = pedigree_svg(ped, sel.typed_labels(ped))
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and top and form.is_valid():
        cand = sel.access_candidate(request.user, int(request.POST.get("candidate", top.pk)))
        try:
            ident = ProposeIdentification(
                cand, request.user, form.cleaned_data["override_reason"]
            ).execute()
        except ValidationFailed as exc:
            for msg in exc.errors.get("override_reason", []):
                form.add_error("override_reason", msg)
        except KintraceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, "Identification proposed; a second specialist must confirm it."
            )
            return redirect("identification-detail", ident_id=ident.pk)
    with transaction.atomic():
        audit_record(by=request.user, action="identification.remains.view", obj=remains)
    return render(
        request,
        "identification/remains_detail.html",
        {
            "remains": remains,
            "candidates": candidates,
            "top": top,
            "svg": svg,
            "sentence": explain(top.log10_lr, top.case.person.display_name) if top else "",
            "nondna": compare(remains, top.case) if top else [],
            "form": form,
            "threshold": posterior_threshold(),
            "can_decide": has_perm(request.user, "identification.decide_identification"),
            "open": remains.identifications.exclude(status=Identification.Status.REJECTED).first(),
        },
    )


def identification_detail(request: HttpRequest, ident_id: int) -> HttpResponse:
    ident = sel.access_identification(request.user, ident_id)
    decide = DecideForm(request.POST if "decision" in request.POST else None)
    step = StepForm(request.POST if "step" in request.POST else None)
    if request.method == "POST":
        try:
            if decide.is_bound and decide.is_valid():
                d = decide.cleaned_data
                if d["decision"] == "confirm":
                    ConfirmIdentification(ident, request.user, d["note"]).execute()
                    messages.success(
                        request,
                        f"Identification confirmed; case {ident.case.case_number} is identified.",
                    )
                else:
                    RejectIdentification(ident, request.user, d["note"]).execute()
                    messages.success(request, "Proposal rejected.")
                return redirect("identification-detail", ident_id=ident.pk)
            if step.is_bound and step.is_valid():
                identification_record_step(
                    identification=ident,
                    step=step.cleaned_data["step"],
                    on=step.cleaned_data["on"],
                    by=request.user,
                )
                messages.success(request, "Step recorded.")
                return redirect("identification-detail", ident_id=ident.pk)
        except ValidationFailed as exc:
            target = decide if decide.is_bound else step
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    target.add_error(key if key in target.fields else None, msg)
        except KintraceError as exc:
            (decide if decide.is_bound else step).add_error(None, exc.message)
    with transaction.atomic():
        audit_record(by=request.user, action="identification.view", obj=ident)
    return render(
        request,
        "identification/identification_detail.html",
        {
            "ident": ident,
            "decide": decide,
            "step": step,
            "sentence": explain(ident.log10_lr, ident.case.person.display_name),
            "can_decide": has_perm(request.user, "identification.decide_identification"),
        },
    )


def identification_report(request: HttpRequest, ident_id: int) -> HttpResponse:
    ident = sel.access_identification(request.user, ident_id)
    pdf = identification_report_pdf(ident, by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="identification-{ident.pk}-{ident.remains.code}.pdf"'
    )
    return response


def profiles_upload(request: HttpRequest) -> HttpResponse:
    """Upload a laboratory export (CSV, XLSX, GeneMapper ID-X text)."""
    import tempfile
    from pathlib import Path

    from casework.core.errors import ImportRejected
    from casework.identification.frequencies import default_table
    from casework.identification.profiles import import_profiles

    require_perm(request.user, "identification.add_dnaprofile")
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = ["file: choose a file to import"]
        else:
            name = upload.name or "upload.csv"
            suffix = Path(name).suffix.lower() or ".csv"
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / (Path(name).stem[:60] + suffix)
                path.write_bytes(upload.read())
                try:
                    report = import_profiles(
                        path,
                        table=default_table(request.user),
                        by=request.user,
                        laboratory=request.POST.get("lab", ""),
                    )
                except ImportRejected as exc:
                    problems = exc.problems
                else:
                    messages.success(request, report.message())
                    return redirect("identification")
    return render(request, "identification/profiles_upload.html", {"problems": problems})
