from __future__ import annotations

from django.core.paginator import Paginator
from ninja import Router, Schema

from casework.api.schemas import NameOut, Page, PersonOut
from casework.persons.models import Person
from casework.persons.selectors import person_open, persons_search

router = Router(tags=["persons"])


def person_out(p: Person) -> PersonOut:
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


class PersonDetail(PersonOut, Schema):
    phone: str
    address: str


@router.get("/{person_id}", response=PersonDetail, summary="One person (the read is audited)")
def get_person(request, person_id: int):
    p = person_open(viewer=request.user, person_id=person_id)
    base = person_out(p)
    return PersonDetail(**base.dict(), phone=p.phone, address=p.address)
