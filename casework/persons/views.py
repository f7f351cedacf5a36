"""Pages that change a person: names and variants, documents, relationships."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from casework.core.access import require_perm
from casework.core.errors import NotFound, ValidationFailed
from casework.persons.forms import DocumentForm, NameFormSet, PersonForm, RelationshipForm
from casework.persons.selectors import access_person_by_id
from casework.persons.services import (
    NameInput,
    PersonInput,
    document_add,
    person_update,
    relationship_add,
)


def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request.user, "persons.change_person")
    person = access_person_by_id(request.user, person_id)
    initial = {
        "sex": person.sex,
        "birth": str(person.birth or ""),
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
    }
    names = [
        {
            "script": n.script,
            "given": n.given,
            "patronymic": n.patronymic,
            "family": n.family,
            "primary": n.primary,
        }
        for n in person.names.all()
    ]
    form = PersonForm(request.POST or None, initial=initial)
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
            phone=d["phone"],
            email=d["email"],
            address=d["address"],
        )
        try:
            person_update(person=person, data=data, by=request.user, reason=d["reason"])
        except ValidationFailed as exc:
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    field = key.split(".")[-1]
                    form.add_error(field if field in form.fields else None, msg)
        else:
            messages.success(request, f"{person.display_name}: saved.")
            return redirect("person-detail", person_id=person.pk)
    return render(
        request, "persons/person_edit.html", {"person": person, "form": form, "formset": formset}
    )


def document_new(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request.user, "persons.change_person")
    person = access_person_by_id(request.user, person_id)
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            document_add(
                person=person,
                kind=d["kind"],
                number=d["number"],
                issuer=d["issuer"],
                by=request.user,
            )
        except ValidationFailed as exc:
            for key, msgs in exc.errors.items():
                for msg in msgs:
                    form.add_error(key if key in form.fields else None, msg)
        else:
            messages.success(request, "Document recorded.")
            return redirect("person-detail", person_id=person.pk)
    return render(
        request,
        "persons/simple_form.html",
        {"person": person, "form": form, "title": "Add an identity document"},
    )


def _other_person(user, ref: str):
    from casework.tracing.selectors import access_case_by_number

    ref = ref.strip()
    if ref.upper().startswith("MP-"):
        return access_case_by_number(user, ref.upper()).person
    if ref.isdigit():
        return access_person_by_id(user, int(ref))
    raise NotFound()


def relationship_new(request: HttpRequest, person_id: int) -> HttpResponse:
    require_perm(request.user, "persons.change_person")
    person = access_person_by_id(request.user, person_id)
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            other = _other_person(request.user, d["other"])
        except NotFound:
            form.add_error("other", f"No person or case {d['other']!r}.")
        else:
            try:
                relationship_add(
                    from_person=person, to_person=other, kind=d["kind"], by=request.user
                )
            except ValidationFailed as exc:
                for key, msgs in exc.errors.items():
                    for msg in msgs:
                        form.add_error("other" if key == "to_person" else None, msg)
            else:
                messages.success(request, "Relationship recorded.")
                return redirect("person-detail", person_id=person.pk)
    return render(
        request,
        "persons/simple_form.html",
        {"person": person, "form": form, "title": "Add a relationship"},
    )
