"""Routes of identification, antemortem, remains and samples (the DNA side of a case):
forensic pages need ``remains.view_genetics`` (administrators and forensic specialists);
decisions need ``identification.decide_identification`` (forensic specialists only);
the family side and AM data are for tracing officers, forensic specialists and
administrators."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.core import roles as R
from casework.core.models import User
from tests.casework.access.spec import Request, World, page, part

GENETICS = {R.ADMINISTRATOR, R.FORENSIC_SPECIALIST}
DECIDE = {R.FORENSIC_SPECIALIST}
FAMILY = {R.ADMINISTRATOR, R.TRACING_OFFICER, R.FORENSIC_SPECIALIST}
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def _png() -> SimpleUploadedFile:
    return SimpleUploadedFile("face.png", PNG, content_type="image/png")


@part("ident_world")
def _ident_world(w: World):
    from tests.identification_world import build_world

    return build_world(Path(tempfile.mkdtemp(prefix="kintrace-access-")))


@part("ident_run")
def _ident_run(w: World):
    """The world's profiles imported and one finished matching run (by farida)."""
    from casework.identification.matching import matching_run_execute
    from casework.identification.services import matching_run_create, profiles_import

    world = w.ident_world
    forensic = w.user(R.FORENSIC_SPECIALIST)
    profiles_import(path=world["lab"], by=forensic)
    return matching_run_execute(run=matching_run_create(by=forensic), by=forensic)


@part("ident_candidate")
def _ident_candidate(w: World):
    from casework.identification.models import Candidate

    return Candidate.objects.get(run=w.ident_run, remains__code="R-1", rank=1)


@part("ident_second_specialist")
def _ident_second(w: World):
    user, _ = User.objects.get_or_create(username="felix")
    user.groups.set([Group.objects.get(name=R.FORENSIC_SPECIALIST)])
    return user


@part("ident_proposal")
def _ident_proposal(w: World):
    """R-1 proposed by a second specialist (so farida may decide it)."""
    from casework.identification.decisions import ProposeIdentification

    return ProposeIdentification(w.ident_candidate, w.ident_second_specialist, "test").execute()


@part("ident_confirmed")
def _ident_confirmed(w: World):
    """R-2 proposed by the second specialist and confirmed by farida."""
    from casework.identification.decisions import ConfirmIdentification, ProposeIdentification
    from casework.identification.models import Candidate

    cand = Candidate.objects.get(run=w.ident_run, remains__code="R-2", rank=1)
    ident = ProposeIdentification(cand, w.ident_second_specialist, "test").execute()
    return ConfirmIdentification(ident, w.user(R.FORENSIC_SPECIALIST), "ok").execute()


@part("ident_case")
def _ident_case(w: World):
    """A case with a pedigree (the world's first family)."""
    return w.ident_world["cases"][0]


@part("ident_bare_case")
def _ident_bare_case(w: World):
    """A case with no pedigree and no AM record yet."""
    from tests.factories import open_request

    return open_request(by=w.user(R.TRACING_OFFICER)).cases.get()


@part("ident_am_photo")
def _ident_am_photo(w: World):
    from casework.antemortem.services import am_photo_add, am_record_save

    case = w.ident_case
    tracer = w.user(R.TRACING_OFFICER)
    am_record_save(
        case_id=case.pk,
        data={"informant": "mother", "interviewed_on": dt.date(2015, 3, 1)},
        by=tracer,
    )
    return am_photo_add(case_id=case.pk, upload=_png(), caption="photo", by=tracer)


def _sample(w: World):
    from casework.samples.models import ReferenceSample

    return ReferenceSample.objects.get(barcode="RS0MO")


def _s1(w: World):
    return w.ident_case.pedigree.members.get(label="S1")


ROUTES = [
    # identification (forensic)
    page("GET", "identification/", GENETICS, lambda w: Request("/identification/")),
    page(
        "POST",
        "identification/runs/new/",
        GENETICS,
        lambda w: (w.ident_world, Request("/identification/runs/new/", {}))[1],
    ),
    page(
        "GET",
        "identification/profiles/import/",
        GENETICS,
        lambda w: Request("/identification/profiles/import/"),
    ),
    page(
        "POST",
        "identification/profiles/import/",
        GENETICS,
        lambda w: Request(
            "/identification/profiles/import/",
            {"lab": "test lab"},
            files={
                "file": SimpleUploadedFile(
                    "lab.csv", w.ident_world["lab"].read_bytes(), content_type="text/csv"
                )
            },
        ),
    ),
    page(
        "GET",
        "identification/runs/<int:run_id>/",
        GENETICS,
        lambda w: Request(f"/identification/runs/{w.ident_run.pk}/"),
    ),
    page(
        "GET",
        "identification/remains/<int:remains_id>/",
        GENETICS,
        lambda w: Request(f"/identification/remains/{w.ident_candidate.remains_id}/"),
    ),
    page(
        "POST",
        "identification/remains/<int:remains_id>/propose/",
        DECIDE,
        lambda w: Request(
            f"/identification/remains/{w.ident_candidate.remains_id}/propose/",
            {"candidate": w.ident_candidate.pk, "override_reason": "few markers in the test"},
        ),
    ),
    page(
        "GET",
        "identification/decisions/<int:ident_id>/",
        GENETICS,
        lambda w: Request(f"/identification/decisions/{w.ident_proposal.pk}/"),
    ),
    page(
        "POST",
        "identification/decisions/<int:ident_id>/decide/",
        DECIDE,
        lambda w: Request(
            f"/identification/decisions/{w.ident_proposal.pk}/decide/",
            {"decision": "confirm", "note": "checked"},
        ),
    ),
    page(
        "POST",
        "identification/decisions/<int:ident_id>/steps/",
        DECIDE,
        lambda w: Request(
            f"/identification/decisions/{w.ident_confirmed.pk}/steps/",
            {"step": "notified", "on": dt.date.today().isoformat()},
        ),
    ),
    page(
        "GET",
        "identification/decisions/<int:ident_id>/report.pdf",
        DECIDE,
        lambda w: Request(f"/identification/decisions/{w.ident_confirmed.pk}/report.pdf"),
    ),
    # remains
    page(
        "GET",
        "identification/remains/register/",
        GENETICS,
        lambda w: Request("/identification/remains/register/"),
    ),
    page(
        "POST",
        "identification/remains/register/site/",
        GENETICS,
        lambda w: Request(
            "/identification/remains/register/site/", {"code": "SITE-NEW", "kind": "grave"}
        ),
    ),
    page(
        "POST",
        "identification/remains/register/remains/",
        GENETICS,
        lambda w: Request(
            "/identification/remains/register/remains/",
            {
                "site_id": w.ident_candidate.remains.site_id,
                "code": "R-NEW",
                "sample_barcode": "PMNEW",
                "kind": "body",
                "pm_sex": "F",
            },
        ),
    ),
    # the DNA side of a case (samples)
    page(
        "GET",
        "cases/<int:case_id>/dna/",
        FAMILY,
        lambda w: Request(f"/cases/{w.ident_case.pk}/dna/"),
    ),
    page(
        "POST",
        "cases/<int:case_id>/dna/pedigree/",
        FAMILY,
        lambda w: Request(f"/cases/{w.ident_bare_case.pk}/dna/pedigree/", {}),
    ),
    page(
        "POST",
        "cases/<int:case_id>/dna/members/",
        FAMILY,
        lambda w: Request(
            f"/cases/{w.ident_case.pk}/dna/members/",
            {"label": "S9", "sex": "M", "father": "", "mother": ""},
        ),
    ),
    page(
        "POST",
        "cases/<int:case_id>/dna/samples/",
        FAMILY,
        lambda w: Request(
            f"/cases/{w.ident_case.pk}/dna/samples/",
            {
                "member": _s1(w).pk,
                "barcode": "RS-MATRIX",
                "collected_on": "2024-04-01",
                "holder": "field team",
            },
        ),
    ),
    page(
        "POST",
        "cases/<int:case_id>/dna/custody/",
        FAMILY,
        lambda w: Request(
            f"/cases/{w.ident_case.pk}/dna/custody/",
            {"sample": _sample(w).pk, "step": "stored", "holder": "lab freezer"},
        ),
    ),
    page(
        "POST",
        "cases/<int:case_id>/dna/withdraw/",
        FAMILY,
        lambda w: Request(
            f"/cases/{w.ident_case.pk}/dna/withdraw/",
            {"sample": _sample(w).pk, "reason": "letter from the donor"},
        ),
    ),
    # antemortem
    page(
        "GET", "cases/<int:case_id>/am/", FAMILY, lambda w: Request(f"/cases/{w.ident_case.pk}/am/")
    ),
    page(
        "POST",
        "cases/<int:case_id>/am/record/",
        FAMILY,
        lambda w: Request(
            f"/cases/{w.ident_bare_case.pk}/am/record/",
            {"informant": "sister", "interviewed_on": "2016-05-02", "tooth_36": "filled"},
        ),
    ),
    page(
        "POST",
        "cases/<int:case_id>/am/photos/",
        FAMILY,
        lambda w: (
            w.ident_am_photo,
            Request(f"/cases/{w.ident_case.pk}/am/photos/", {"caption": "x"}, {"image": _png()}),
        )[1],
    ),
    page(
        "GET",
        "am-photos/<int:photo_id>/",
        FAMILY,
        lambda w: Request(f"/am-photos/{w.ident_am_photo.pk}/"),
    ),
]
