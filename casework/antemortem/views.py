"""The DNA side of a case: family pedigree, reference samples, custody, consent.
Genotypes are never shown here (they are for forensic specialists)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.antemortem.forms import CustodyForm, MemberForm, SampleForm, WithdrawForm
from casework.antemortem.models import ReferenceSample
from casework.antemortem.pedigree_svg import pedigree_svg
from casework.antemortem.services import (
    pedigree_for_case,
    pedigree_member_add,
    sample_custody_transfer,
    sample_register,
    sample_withdraw_consent,
)
from casework.core.access import has_perm, require_perm
from casework.core.errors import KintraceError, NotFound
from casework.core.forms import add_domain_errors
from casework.identification.selectors import typed_labels
from casework.persons.selectors import access_person_by_id
from casework.tracing.selectors import access_case_by_id


def _errors_to(form, exc: KintraceError) -> None:
    add_domain_errors(form, exc)


def case_dna(request: HttpRequest, case_id: int) -> HttpResponse:
    require_perm(request.user, "antemortem.view_familypedigree")
    case = access_case_by_id(request.user, case_id)
    can_edit = has_perm(request.user, "antemortem.change_familypedigree")
    ped = (
        pedigree_for_case(case=case, by=request.user)
        if can_edit
        else getattr(case, "pedigree", None)
    )
    members = list(ped.members.all()) if ped else []
    by_pk = {m.pk: m for m in members}
    samples = (
        list(
            ReferenceSample.objects.filter(member__pedigree=ped)
            .select_related("member")
            .prefetch_related("custody")
        )
        if ped
        else []
    )
    active = [s for s in samples if s.status == ReferenceSample.Status.ACTIVE]
    post = request.POST if request.method == "POST" else None
    which = (request.POST.get("form") or "") if post else ""
    member_form = MemberForm(post if which == "member" else None, members=members)
    sample_form = SampleForm(post if which == "sample" else None, members=members)
    custody_form = CustodyForm(post if which == "custody" else None, samples=active)
    withdraw_form = WithdrawForm(post if which == "withdraw" else None, samples=active)
    if post and can_edit and ped is not None:
        try:
            if which == "member" and member_form.is_valid():
                d = member_form.cleaned_data
                person = access_person_by_id(request.user, d["person"]) if d["person"] else None
                pedigree_member_add(
                    pedigree=ped,
                    label=d["label"],
                    sex=d["sex"],
                    person=person,
                    father=by_pk.get(int(d["father"])) if d["father"] else None,
                    mother=by_pk.get(int(d["mother"])) if d["mother"] else None,
                    by=request.user,
                )
                messages.success(request, f"{d['label']} added to the pedigree.")
                return redirect("case-dna", case_id=case.pk)
            if which == "sample" and sample_form.is_valid():
                require_perm(request.user, "antemortem.add_referencesample")
                d = sample_form.cleaned_data
                sample_register(
                    member=by_pk[int(d["member"])],
                    barcode=d["barcode"],
                    collected_on=d["collected_on"],
                    holder=d["holder"],
                    place=d["place"],
                    identification_only=d["identification_only"],
                    retention_until=d["retention_until"],
                    by=request.user,
                )
                messages.success(request, f"Sample {d['barcode'].upper()} registered.")
                return redirect("case-dna", case_id=case.pk)
            if which == "custody" and custody_form.is_valid():
                d = custody_form.cleaned_data
                sample = next(s for s in active if s.pk == int(d["sample"]))
                sample_custody_transfer(
                    sample=sample,
                    step=d["step"],
                    holder=d["holder"],
                    place=d["place"],
                    by=request.user,
                )
                messages.success(request, f"Custody of {sample.barcode}: {d['step']}.")
                return redirect("case-dna", case_id=case.pk)
            if which == "withdraw" and withdraw_form.is_valid():
                d = withdraw_form.cleaned_data
                sample = next(s for s in active if s.pk == int(d["sample"]))
                sample_withdraw_consent(sample=sample, reason=d["reason"], by=request.user)
                messages.success(
                    request, f"Consent withdrawn for {sample.barcode}; its profile was destroyed."
                )
                return redirect("case-dna", case_id=case.pk)
        except NotFound:
            member_form.add_error("person", "No such person.")
        except KintraceError as exc:
            _errors_to(
                {
                    "member": member_form,
                    "sample": sample_form,
                    "custody": custody_form,
                    "withdraw": withdraw_form,
                }[which],
                exc,
            )
    from django.db import transaction

    from casework.core.audit import audit_record

    with transaction.atomic():
        audit_record(by=request.user, action="samples.pedigree.view", obj=case)
    power = ranked = lr_threshold = None
    if ped is not None and request.GET.get("power"):
        from casework.identification.power import family_power

        power, ranked, lr_threshold = family_power(ped, by=request.user)
    candidates = []
    if has_perm(request.user, "remains.view_genetics"):
        from casework.identification.matching import latest_run
        from casework.identification.models import Candidate

        run = latest_run()
        if run:
            candidates = list(
                Candidate.objects.filter(run=run, case=case)
                .select_related("remains")
                .order_by("-log10_lr")
            )
    return render(
        request,
        "antemortem/case_dna.html",
        {
            "power": power,
            "ranked": ranked,
            "lr_threshold": lr_threshold,
            "candidates": candidates,
            "case": case,
            "ped": ped,
            "members": members,
            "samples": samples,
            "svg": pedigree_svg(ped, typed_labels(ped)) if ped else "",
            "can_edit": can_edit,
            "member_form": member_form,
            "sample_form": sample_form,
            "custody_form": custody_form,
            "withdraw_form": withdraw_form,
        },
    )
