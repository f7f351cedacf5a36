"""Detention pages. Views parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt

from django import forms as djforms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.core.access import has_perm, require_perm
from casework.core.errors import KintraceError, ValidationFailed
from casework.core.forms import add_domain_errors
from casework.detention import forms as F
from casework.detention import selectors as sel
from casework.detention import services as S
from casework.detention.isolation import default_threshold, isolation_alerts
from casework.detention.models import ConsularRequest, Detainee, DetentionPlace, Dossier
from casework.persons.services import NameInput, PersonInput


def _errors(form: djforms.Form, exc: KintraceError) -> None:
    add_domain_errors(form, exc)


def dashboard(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "detention.view_detainee")
    try:
        days = max(0, int(request.GET.get("days", default_threshold())))
    except ValueError:
        days = default_threshold()
    alerts = isolation_alerts(days=days)
    return render(
        request,
        "detention/dashboard.html",
        {
            "alerts": alerts,
            "days": days,
            "counts": sel.status_counts(viewer=request.user),
            "hearings": sel.upcoming_hearings(viewer=request.user, days=30),
            "consular": sel.open_consular_requests(viewer=request.user)
            if has_perm(request.user, "detention.view_consularrequest")
            else [],
            "can_visit": has_perm(request.user, "detention.add_visit"),
            "month": dt.date.today().strftime("%Y-%m"),
        },
    )


def detainees(request: HttpRequest) -> HttpResponse:
    qs = sel.detainees_list(
        viewer=request.user,
        q=request.GET.get("q", ""),
        status=request.GET.get("status", ""),
        held=request.GET.get("all") != "1",
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "detention/detainees.html",
        {
            "page": page,
            "statuses": Detainee.Status.choices,
            "q": request.GET.get("q", ""),
            "querystring": query.urlencode(),
            "can_add": has_perm(request.user, "detention.add_detainee"),
        },
    )


def detainee_new(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "detention.add_detainee")
    form = F.DetaineeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            existing = None
            if d["person"]:
                from casework.persons.selectors import access_person_by_id

                existing = access_person_by_id(request.user, d["person"])
            det = S.detainee_register(
                person=existing
                or PersonInput(
                    names=[NameInput(d["script"], d["given"], d["patronymic"], d["family"], True)],
                    sex=d["sex"],
                ),
                status=d["status"],
                captured_on=d["captured_on"],
                place=d["place"],
                capture_place=d["capture_place"],
                notified_on=d["notified_on"],
                health_concerns=d["health_concerns"],
                vulnerability=d["vulnerability"],
                by=request.user,
            )
        except KintraceError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Detainee {det.reference} registered.")
            return redirect("detainee-detail", detainee_id=det.pk)
    return render(request, "detention/form.html", {"form": form, "title": "Register a detainee"})


def detainee_detail(request: HttpRequest, detainee_id: int) -> HttpResponse:
    det = sel.access_detainee_by_id(request.user, detainee_id)
    proceedings = list(det.proceedings.prefetch_related("hearings"))
    which = request.POST.get("form", "") if request.method == "POST" else ""
    post = request.POST if which else None
    forms_ = {
        "contact": F.ContactForm(
            post if which == "contact" else None, messages=det.contacts.filter(kind="message")[:50]
        ),
        "transfer": F.TransferForm(post if which == "transfer" else None),
        "movement": F.MovementForm(post if which == "movement" else None),
        "proceeding": F.ProceedingForm(post if which == "proceeding" else None),
        "hearing": F.HearingForm(post if which == "hearing" else None, proceedings=proceedings),
        "notification": F.NotificationForm(post if which == "notification" else None),
        "verdict": F.VerdictForm(post if which == "verdict" else None, proceedings=proceedings),
    }
    if which in forms_:
        perm = {
            "notification": "detention.add_notification",
            "verdict": "detention.add_proceeding",
            "contact": "detention.add_familycontact",
            "transfer": "detention.change_detainee",
            "movement": "detention.add_movement",
            "proceeding": "detention.add_proceeding",
            "hearing": "detention.add_hearing",
        }[which]
        require_perm(request.user, perm)
        form = forms_[which]
        if form.is_valid():
            d = form.cleaned_data
            try:
                if which == "contact":
                    reply_pk = d.pop("reply_to")
                    reply = det.contacts.filter(pk=int(reply_pk)).first() if reply_pk else None
                    S.family_contact_record(detainee=det, by=request.user, reply_to=reply, **d)
                elif which == "transfer":
                    S.detainee_transfer(detainee=det, by=request.user, **d)
                elif which == "movement":
                    S.movement_record(detainee=det, by=request.user, **d)
                elif which == "proceeding":
                    S.proceeding_add(detainee=det, by=request.user, **d)
                elif which == "notification":
                    S.notification_record(detainee=det, by=request.user, **d)
                elif which == "verdict":
                    proc = next(p for p in proceedings if p.pk == int(d.pop("proceeding")))
                    S.proceeding_update(proceeding=proc, by=request.user, **d)
                else:
                    proc = next(p for p in proceedings if p.pk == int(d["proceeding"]))
                    S.hearing_add(
                        proceeding=proc,
                        date=d["date"],
                        outcome=d["outcome"],
                        next_date=d["next_date"],
                        by=request.user,
                    )
            except KintraceError as exc:
                _errors(form, exc)
            else:
                messages.success(request, "Recorded.")
                return redirect("detainee-detail", detainee_id=det.pk)
    timeline = [
        (
            det.captured_on,
            "capture",
            f"captured{' at ' + det.capture_place if det.capture_place else ''}",
        )
    ]
    if det.notified_on:
        timeline.append((det.notified_on, "notification", "capture notified by the authority"))
    for pl in det.placements.select_related("place"):
        timeline.append((pl.from_date, "place", f"held at {pl.place.name}"))
    for i in det.interviews.select_related("visit__place"):
        timeline.append(
            (
                i.visit.end_date,
                "visit",
                f"seen during a visit to {i.visit.place.name}"
                + (" (private interview)" if i.private else ""),
            )
        )
    for c in det.contacts.all():
        timeline.append(
            (
                c.contact_date or c.written_on,
                "contact",
                f"{c.get_kind_display()}, {c.get_direction_display()}"
                + ("" if c.contact_date or c.kind != "message" else " (not delivered)"),
            )
        )
    for p in proceedings:
        for h in p.hearings.all():
            timeline.append(
                (
                    h.date,
                    "hearing",
                    f"hearing {p.case_reference}, {p.court}"
                    + (f": {h.outcome}" if h.outcome else ""),
                )
            )
    for m in det.movements.all():
        timeline.append((m.date, "movement", f"{m.get_kind_display()} {m.route}"))
    for cr in det.consular.all():
        timeline.append(
            (
                cr.requested_on,
                "consular",
                f"consular access requested by "
                f"{cr.requesting_state} through {cr.protecting_power}: "
                f"{cr.get_status_display()}",
            )
        )
    for n in det.notifications.all():
        timeline.append(
            (n.date, "notification", f"{n.get_direction_display()}: {n.party} — {n.subject}")
        )
    timeline.sort(key=lambda t: t[0], reverse=True)
    from casework.detention.isolation import isolation_rows

    iso = next((r for r in isolation_rows() if r.detainee_id == det.pk), None)
    from django.db import transaction

    from casework.core.audit import audit_record

    with transaction.atomic():
        audit_record(by=request.user, action="detention.detainee.view", obj=det)
    return render(
        request,
        "detention/detainee_detail.html",
        {
            "det": det,
            "timeline": timeline,
            "forms": forms_,
            "iso": iso,
            "proceedings": proceedings,
            "can_edit": has_perm(request.user, "detention.add_familycontact"),
        },
    )


def places(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "detention.view_detentionplace")
    form = F.PlaceForm(request.POST or None)
    if request.method == "POST":
        require_perm(request.user, "detention.add_detentionplace")
        if form.is_valid():
            try:
                S.place_create(by=request.user, **form.cleaned_data)
            except KintraceError as exc:
                _errors(form, exc)
            else:
                messages.success(request, "Place recorded.")
                return redirect("detention-places")
    from django.db.models import Count, Max, Q

    qs = DetentionPlace.objects.annotate(
        held=Count(
            "placements",
            filter=Q(
                placements__to_date__isnull=True, placements__detainee__released_on__isnull=True
            ),
            distinct=True,
        ),
        last_visit=Max("visits__end_date"),
        n_visits=Count("visits", distinct=True),
    )
    return render(
        request,
        "detention/places.html",
        {
            "places": qs,
            "form": form,
            "can_add": has_perm(request.user, "detention.add_detentionplace"),
        },
    )


def place_detail(request: HttpRequest, place_id: int) -> HttpResponse:
    place = sel.access_place_by_id(request.user, place_id)
    return render(
        request,
        "detention/place_detail.html",
        {
            "place": place,
            "visits": place.visits.all()[:200],
            "can_confidential": has_perm(request.user, "detention.view_confidential"),
        },
    )


def visit_new(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "detention.add_visit")
    place = None
    pid = request.POST.get("place") or request.GET.get("place")
    if pid:
        place = sel.access_place_by_id(request.user, int(pid))
    form = F.VisitForm(
        request.POST or None, place=place, initial={"place": place.pk} if place else None
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            visit = S.visit_record(
                place=d["place"],
                start_date=d["start_date"],
                end_date=d["end_date"],
                team=d["team"],
                seen=list(d["seen"]),
                by=request.user,
                findings={
                    k: d[k]
                    for k in (
                        "treatment",
                        "material_conditions",
                        "health",
                        "judicial_guarantees",
                        "family_contact",
                    )
                },
                recommendations=d["recommendations"].splitlines(),
            )
        except KintraceError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Visit recorded; {len(d['seen'])} detainee(s) seen.")
            return redirect("visit-detail", visit_id=visit.pk)
    return render(request, "detention/visit_form.html", {"form": form, "place": place})


def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = sel.access_visit_by_id(request.user, visit_id)
    follow = F.FollowUpForm(request.POST or None)
    if request.method == "POST" and follow.is_valid():
        require_perm(request.user, "detention.add_visit")
        d = follow.cleaned_data
        rec = visit.recommendations.filter(pk=d.pop("recommendation")).first()
        if rec is None:
            follow.add_error(None, "No such recommendation.")
        else:
            try:
                S.recommendation_follow_up(recommendation=rec, by=request.user, **d)
            except KintraceError as exc:
                _errors(follow, exc)
            else:
                messages.success(request, "Follow-up recorded.")
                return redirect("visit-detail", visit_id=visit.pk)
    from django.db import transaction

    from casework.core.audit import audit_record

    with transaction.atomic():
        audit_record(by=request.user, action="detention.visit.view", obj=visit)
    return render(
        request,
        "detention/visit_detail.html",
        {
            "visit": visit,
            "interviews": visit.interviews.select_related("detainee__person"),
            "recommendations": visit.recommendations.all(),
            "follow": follow,
        },
    )


def hearings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "detention/hearings.html",
        {"hearings": sel.upcoming_hearings(viewer=request.user, days=365)},
    )


def consular(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "detention.view_consularrequest")
    form = F.ConsularForm(request.POST if request.POST.get("form") == "new" else None)
    update = F.ConsularUpdateForm(request.POST if request.POST.get("form") == "update" else None)
    if request.method == "POST":
        require_perm(request.user, "detention.add_consularrequest")
        try:
            if form.is_bound and form.is_valid():
                d = form.cleaned_data
                det = Detainee.objects.filter(reference=d.pop("detainee").strip().upper()).first()
                if det is None:
                    form.add_error("detainee", "No such detainee.")
                else:
                    S.consular_request_create(detainee=det, by=request.user, **d)
                    messages.success(request, "Request recorded.")
                    return redirect("consular")
            if update.is_bound and update.is_valid():
                req = ConsularRequest.objects.get(pk=int(request.POST["request"]))
                S.consular_request_update(request=req, by=request.user, **update.cleaned_data)
                messages.success(request, "Request updated.")
                return redirect("consular")
        except (KintraceError, ConsularRequest.DoesNotExist, ValueError) as exc:
            _errors(
                update if update.is_bound else form,
                exc
                if isinstance(exc, KintraceError)
                else ValidationFailed({"status": ["No such request."]}),
            )
    return render(
        request,
        "detention/consular.html",
        {
            "requests": ConsularRequest.objects.select_related("detainee__person")[:300],
            "form": form,
            "update": update,
            "can_edit": has_perm(request.user, "detention.add_consularrequest"),
        },
    )


def dossiers(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "detention.view_dossier")
    form = F.DossierForm(request.POST or None)
    if request.method == "POST":
        require_perm(request.user, "detention.add_dossier")
        if form.is_valid():
            from casework.core.errors import NotFound
            from casework.persons.selectors import access_person_by_id

            d = form.cleaned_data
            try:
                person = access_person_by_id(request.user, d.pop("person"))
                dossier = S.dossier_create(person=person, by=request.user, **d)
            except NotFound:
                form.add_error("person", "No such person.")
            except KintraceError as exc:
                _errors(form, exc)
            else:
                messages.success(request, f"Dossier {dossier.reference} opened.")
                return redirect("dossier-detail", dossier_id=dossier.pk)
    return render(
        request,
        "detention/dossiers.html",
        {
            "dossiers": Dossier.objects.select_related("person").prefetch_related("submissions"),
            "form": form,
            "can_add": has_perm(request.user, "detention.add_dossier"),
        },
    )


def dossier_detail(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = sel.access_dossier_by_id(request.user, dossier_id)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    evidence_form = F.EvidenceForm(
        request.POST if which == "evidence" else None,
        request.FILES if which == "evidence" else None,
    )
    submission_form = F.SubmissionForm(request.POST if which == "submission" else None)
    custody_form = F.CustodyStepForm(request.POST if which == "custody" else None)
    if which:
        require_perm(request.user, "detention.add_evidenceitem")
        try:
            if which == "evidence" and evidence_form.is_valid():
                d = evidence_form.cleaned_data
                upload = d.pop("file")
                S.evidence_add(
                    dossier=dossier, name=upload.name, content=upload.read(), by=request.user, **d
                )
                messages.success(request, "Evidence stored with its SHA-256.")
                return redirect("dossier-detail", dossier_id=dossier.pk)
            if which == "custody" and custody_form.is_valid():
                d = custody_form.cleaned_data
                item = dossier.evidence.filter(pk=d.pop("item")).first()
                if item is None:
                    custody_form.add_error(None, "No such evidence item.")
                else:
                    S.evidence_custody_add(item=item, by=request.user, **d)
                    messages.success(request, "Custody step recorded.")
                    return redirect("dossier-detail", dossier_id=dossier.pk)
            if which == "submission" and submission_form.is_valid():
                S.submission_add(dossier=dossier, by=request.user, **submission_form.cleaned_data)
                messages.success(request, "Submission recorded.")
                return redirect("dossier-detail", dossier_id=dossier.pk)
        except KintraceError as exc:
            _errors(
                {"evidence": evidence_form, "custody": custody_form}.get(which, submission_form),
                exc,
            )
    items = [(e, S.evidence_verify(e)) for e in dossier.evidence.all()]
    return render(
        request,
        "detention/dossier_detail.html",
        {
            "dossier": dossier,
            "items": items,
            "submissions": dossier.submissions.all(),
            "evidence_form": evidence_form,
            "submission_form": submission_form,
            "can_edit": has_perm(request.user, "detention.add_evidenceitem"),
        },
    )


def monthly_report(request: HttpRequest) -> HttpResponse:
    from casework.detention.report import monthly_report_pdf

    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        today = dt.date.today()
        year, month = today.year, today.month
    pdf = monthly_report_pdf(year=year, month=month, by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="detention-{year}-{month:02d}.pdf"'
    return response
