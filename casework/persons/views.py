"""Pages of a person record: the record, names and variants, documents,
relationships. Each view parses input, calls one flow and renders."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.core.errors import ValidationFailed
from casework.core.forms import add_domain_errors
from casework.core.http import ActorRequest
from casework.persons.forms import DocumentForm, NameFormSet, PersonForm, RelationshipForm
from casework.persons.selectors import person_edit_open, person_page
from casework.persons.services import (
    NameInput,
    PersonInput,
    document_add,
    person_update,
    relationship_add,
)


@require_GET
def person_detail(request: ActorRequest, person_id: int) -> HttpResponse:
    page = person_page(viewer=request.user, person_id=person_id)
    return render(request, "persons/person_detail.html", {"page": page, "person": page.person})


def _edit_initial(page) -> tuple[dict, list[dict]]:
    person = page.person
    initial = {"sex": person.sex, "birth": str(person.birth or "")}
    if page.contact is not None:
        initial.update(
            phone=page.contact.phone, email=page.contact.email, address=page.contact.address
        )
    names = [
        {
            "script": n.script,
            "given": n.given,
            "patronymic": n.patronymic,
            "family": n.family,
            "primary": n.primary,
        }
        for n in page.names
    ]
    return initial, names


@require_http_methods(["GET", "POST"])
def person_edit(request: ActorRequest, person_id: int) -> HttpResponse:
    page = person_edit_open(viewer=request.user, person_id=person_id)
    initial, names = _edit_initial(page)
    contact = page.contact is not None
    form = PersonForm(request.POST or None, initial=initial, contact=contact)
    formset = NameFormSet(request.POST or None, initial=names, prefix="names")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        data = PersonInput(
            names=[
                NameInput(f["script"], f["given"], f["patronymic"], f["family"], f["primary"])
                for f in formset.cleaned_data
                if f and (f.get("given") or f.get("family") or f.get("patronymic"))
            ],
            sex=d["sex"],
            birth=d["birth"],
            phone=d.get("phone", ""),
            email=d.get("email", ""),
            address=d.get("address", ""),
        )
        try:
            person = person_update(
                person_id=person_id, data=data, by=request.user, reason=d["reason"]
            )
        except ValidationFailed as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("%(name)s: saved.") % {"name": person.display_name})
            return redirect("person-detail", person_id=person.pk)
    return render(
        request,
        "persons/person_edit.html",
        {"person": page.person, "form": form, "formset": formset},
    )


@require_http_methods(["GET", "POST"])
def document_new(request: ActorRequest, person_id: int) -> HttpResponse:
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            document_add(
                person_id=person_id,
                kind=d["kind"],
                number=d["number"],
                issuer=d["issuer"],
                by=request.user,
            )
        except ValidationFailed as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Document recorded."))
            return redirect("person-detail", person_id=person_id)
    page = person_edit_open(viewer=request.user, person_id=person_id)
    return render(
        request,
        "persons/simple_form.html",
        {"person": page.person, "form": form, "title": _("Add an identity document")},
    )


@require_http_methods(["GET", "POST"])
def relationship_new(request: ActorRequest, person_id: int) -> HttpResponse:
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            relationship_add(
                from_person_id=person_id, other=d["other"], kind=d["kind"], by=request.user
            )
        except ValidationFailed as exc:
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    form.add_error("other" if key == "to_person" else None, msg)
        else:
            messages.success(request, _("Relationship recorded."))
            return redirect("person-detail", person_id=person_id)
    page = person_edit_open(viewer=request.user, person_id=person_id)
    return render(
        request,
        "persons/simple_form.html",
        {"person": page.person, "form": form, "title": _("Add a relationship")},
    )
