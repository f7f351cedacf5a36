"""Persons: search and one record. Contact details only for ``persons.view_contact``."""

from __future__ import annotations

from django.core.paginator import Paginator
from ninja import Router

from casework.api.schemas import NameOut, Page, PersonOut
from casework.persons.models import Person
from casework.persons.selectors import Contact, person_page, persons_search

router = Router(tags=["persons"])


def person_out(p: Person, contact: Contact | None = None) -> PersonOut:
    return PersonOut(
        id=p.pk,
        display_name=p.display_name,
        sex=p.sex,
        birth=str(p.birth) if p.birth else None,
        names=[
            NameOut(
                script=n.script,
                given=n.given,
                patronymic=n.patronymic,
                family=n.family,
                primary=n.primary,
            )
            for n in p.names.all()
        ],
        phone=contact.phone if contact else None,
        email=contact.email if contact else None,
        address=contact.address if contact else None,
    )


class PersonPage(Page):
    results: list[PersonOut]


@router.get("", response=PersonPage, summary="Search persons by any name variant")
def list_persons(request, q: str = "", page: int = 1):
    qs = persons_search(viewer=request.user, q=q).prefetch_related("names")
    p = Paginator(qs, 50).get_page(page)
    return PersonPage(
        count=p.paginator.count,
        page=p.number,
        pages=p.paginator.num_pages,
        results=[person_out(x) for x in p],
    )


@router.get(
    "/{person_id}",
    response=PersonOut,
    summary="One person (the read is audited; contact details only for contact viewers)",
)
def get_person(request, person_id: int):
    page = person_page(viewer=request.user, person_id=person_id)
    return person_out(page.person, page.contact)
