import datetime as dt
import math

import pytest
from django.test import Client

from casework.antemortem.models import ReferenceSample
from casework.antemortem.services import (
    PROFILING_BEFORE_RECEIPT,
    WITHDRAWN,
    pedigree_member_add,
    sample_custody_transfer,
    sample_register,
    sample_withdraw_consent,
)
from casework.core import roles
from casework.core.errors import InvalidTransition, NotFound, ValidationFailed
from casework.identification.decisions import (
    SAME_SPECIALIST,
    ConfirmIdentification,
    ProposeIdentification,
    identification_record_step,
    identification_report_pdf,
)
from casework.identification.matching import build_dvi, matching_run_create, matching_run_execute
from casework.identification.models import Candidate, DNAProfile
from casework.identification.profiles import import_profiles
from casework.tracing.models import CaseStatus
from kinship.lr import kinship_lr
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_custody_chain_order_is_enforced(world):
    sample = ReferenceSample.objects.get(barcode="RS0MO")
    member = sample.member
    fresh = sample_register(
        member=member,
        barcode="rs-new",
        collected_on=dt.date(2024, 2, 1),
        holder="team",
        place="village",
        by=None,
    )
    assert fresh.barcode == "RS-NEW"
    with pytest.raises(InvalidTransition, match=PROFILING_BEFORE_RECEIPT):
        sample_custody_transfer(sample=fresh, step="profiled", holder="lab", by=None)
    with pytest.raises(InvalidTransition, match="the next step cannot be"):
        sample_custody_transfer(sample=fresh, step="received", holder="lab", by=None)
    sample_custody_transfer(sample=fresh, step="sent", holder="courier", by=None)
    with pytest.raises(ValidationFailed):
        sample_register(
            member=member,
            barcode="RS-NEW",
            collected_on=dt.date(2024, 2, 1),
            holder="t",
            place="",
            by=None,
        )
    mp = member.pedigree.members.get(is_missing=True)
    with pytest.raises(ValidationFailed) as exc:
        sample_register(
            member=mp, barcode="X1", collected_on=dt.date(2024, 2, 1), holder="t", place="", by=None
        )
    assert "missing person cannot give" in exc.value.errors["member"][0]


def test_pedigree_member_validation(world):
    ped = world["cases"][0].pedigree
    fa = ped.members.get(label="FA")
    with pytest.raises(ValidationFailed) as exc:
        pedigree_member_add(pedigree=ped, label="X", sex="M", father=fa, by=None)
    assert exc.value.errors["father"] == [
        "Individual X has only one parent; give both parents or neither"
    ]
    with pytest.raises(ValidationFailed):
        pedigree_member_add(pedigree=ped, label="S1", sex="M", by=None)


def test_matching_run_equals_the_kinship_engine_directly(world):
    import_profiles(world["lab"], table=world["table"], by=None)
    run = matching_run_execute(matching_run_create(by=None))
    assert run.status == "done" and run.n_remains == 3 and run.n_families == 3
    dvi, _, _, _ = build_dvi(run)
    for code, case in world["truth"].items():
        cand = Candidate.objects.get(run=run, remains__code=code, case=case)
        fam = dvi.families[[f.id for f in dvi.families].index(case.case_number)]
        direct = kinship_lr(
            fam.pedigree, fam.missing[0], dvi.victim_genotypes[code], dvi.markers, fam.genotypes
        )
        assert math.isclose(cand.log10_lr, direct.log10_lr_total, rel_tol=1e-9)
        assert cand.rank == 1
        assert [m["marker"] for m in cand.per_marker] == [m.name for m in dvi.markers]
        prior = run.prior
        lr = 10**cand.log10_lr
        assert math.isclose(cand.posterior, prior * lr / (prior * lr + 1 - prior), rel_tol=1e-9)
    assert run.provenance["frequency_table"]["digest"] == world["table"].digest
    assert run.provenance["mutation"]["model"] == "stepwise"


def test_withdrawn_consent_removes_the_profile_from_future_runs(world):
    import_profiles(world["lab"], table=world["table"], by=None)
    for bc in ("RS0MO", "RS0S1"):
        sample_withdraw_consent(
            sample=ReferenceSample.objects.get(barcode=bc), reason="letter of 2024-05-02", by=None
        )
    s = ReferenceSample.objects.get(barcode="RS0MO")
    assert s.status == "withdrawn" and s.tombstone["profiles_destroyed"] == 1
    assert DNAProfile.objects.get(barcode="RS0MO").genotypes == {}
    with pytest.raises(InvalidTransition, match=WITHDRAWN):
        sample_custody_transfer(sample=s, step="stored", holder="lab", by=None)
    run = matching_run_execute(matching_run_create(by=None))
    assert run.n_families == 2
    assert not Candidate.objects.filter(run=run, case=world["cases"][0]).exists()


def test_four_eyes_and_report(world, forensic):
    import_profiles(world["lab"], table=world["table"], by=None)
    run = matching_run_execute(matching_run_create(by=None))
    case = world["truth"]["R-1"]
    cand = Candidate.objects.get(run=run, remains__code="R-1", rank=1)
    assert cand.case == case
    tracer = world["tracer"]
    with pytest.raises(NotFound):
        ProposeIdentification(cand, tracer).execute()
    ident = ProposeIdentification(
        cand, forensic, "override for the test" if cand.posterior < 0.9999 else ""
    ).execute()
    case.refresh_from_db()
    assert case.status == CaseStatus.MATCH_PROPOSED
    with pytest.raises(InvalidTransition, match=SAME_SPECIALIST):
        ConfirmIdentification(ident, forensic).execute()
    second = _second_specialist()
    ConfirmIdentification(ident, second, "checked").execute()
    case.refresh_from_db()
    assert case.status == CaseStatus.IDENTIFIED
    identification_record_step(identification=ident, step="notified", on=dt.date.today(), by=second)
    pdf = identification_report_pdf(ident, by=second)
    assert pdf.startswith(b"%PDF")


def _second_specialist():
    from django.contrib.auth.models import Group

    from casework.core.models import User

    u = User.objects.create(username="felix")
    u.groups.set([Group.objects.get(name=roles.FORENSIC_SPECIALIST)])
    return u


def test_below_threshold_needs_a_written_reason(world, forensic):
    """With a tiny stated prior no posterior reaches the threshold: a proposal then
    needs a written reason, which is kept."""
    import_profiles(world["lab"], table=world["table"], by=None)
    run = matching_run_execute(matching_run_create(by=None, prior=1e-15))
    cand = Candidate.objects.filter(run=run, rank=1).order_by("-log10_lr").first()
    assert cand.posterior < 0.9999
    with pytest.raises(ValidationFailed) as exc:
        ProposeIdentification(cand, forensic).execute()
    assert "give a written reason to override" in exc.value.errors["override_reason"][0]
    ident = ProposeIdentification(cand, forensic, "family photo and tattoo match").execute()
    assert ident.override_reason == "family photo and tattoo match"


ROLE_PAGES = ["/identification/", "/identification/profiles/import/"]


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_only_forensic_roles_see_genetics(world, role):
    import_profiles(world["lab"], table=world["table"], by=None)
    run = matching_run_execute(matching_run_create(by=None))
    cand = Candidate.objects.filter(run=run).first()
    client = Client()
    client.force_login(user_with_role(role))
    urls = [
        *ROLE_PAGES,
        f"/identification/runs/{run.pk}/",
        f"/identification/remains/{cand.remains_id}/",
    ]
    allowed = role in (roles.FORENSIC_SPECIALIST, roles.ADMINISTRATOR)
    for url in urls:
        status = client.get(url).status_code
        assert status == (200 if allowed else 404), (role, url, status)
    case_dna = client.get(f"/cases/{world['cases'][0].pk}/dna/").status_code
    assert case_dna == (
        200
        if role in (roles.ADMINISTRATOR, roles.TRACING_OFFICER, roles.FORENSIC_SPECIALIST)
        else 404
    )


def test_non_dna_comparison(world):
    from casework.identification.nondna import CONTRADICTING, SUPPORTING, compare
    from casework.persons.models import set_partial
    from casework.persons.partial_dates import PartialDate
    from casework.remains.models import Remains

    case = world["truth"]["R-1"]
    person = case.person
    set_partial(person, "birth", PartialDate(1970))
    person.sex = "M"
    person.save()
    set_partial(case, "disappearance", PartialDate(1992, 5))
    case.save()
    r = Remains.objects.get(code="R-1")
    r.pm_age_min, r.pm_age_max, r.pm_sex = 18, 30, "M"
    r.save()
    got = {f.aspect: f.verdict for f in compare(r, case)}
    assert got["sex"] == SUPPORTING and got["age"] == SUPPORTING  # age 21–22 in 18–30
    r.pm_sex, r.pm_age_min, r.pm_age_max = "F", 50, 60
    r.site.exhumed_on = dt.date(1990, 1, 1)
    got = {f.aspect: f.verdict for f in compare(r, r.site and case)}
    assert got == {
        "sex": CONTRADICTING,
        "age": CONTRADICTING,
        "dates": CONTRADICTING,
        "place": "neutral",
        "stature": "neutral",
    }


def test_family_page_shows_power_and_candidates(world, forensic):
    import_profiles(world["lab"], table=world["table"], by=None)
    matching_run_execute(matching_run_create(by=None))
    case = world["truth"]["R-1"]
    client = Client()
    client.force_login(forensic)
    page = client.get(f"/cases/{case.pk}/dna/?power=1").content.decode()
    assert 'data-testid="power"' in page and "a new full sibling" in page
    assert "R-1" in page  # the family-side candidate list


def test_register_site_and_remains(world, forensic):
    client = Client()
    client.force_login(forensic)
    r = client.post(
        "/identification/remains/register/",
        {"form": "site", "code": "site-9", "kind": "grave", "latitude": "95"},
    )
    assert "Latitude is between" in r.content.decode()
    client.post(
        "/identification/remains/register/", {"form": "site", "code": "site-9", "kind": "grave"}
    )
    from casework.remains.models import RecoverySite, Remains

    site = RecoverySite.objects.get(code="SITE-9")
    r = client.post(
        "/identification/remains/register/",
        {
            "form": "remains",
            "site": site.pk,
            "code": "r-99",
            "sample_barcode": "pm99",
            "kind": "body",
            "pm_sex": "M",
            "pm_age_min": "40",
            "pm_age_max": "30",
        },
    )
    assert "The maximum is below the minimum." in r.content.decode()
    client.post(
        "/identification/remains/register/",
        {
            "form": "remains",
            "site": site.pk,
            "code": "r-99",
            "sample_barcode": "pm99",
            "kind": "body",
            "pm_sex": "M",
            "pm_age_min": "30",
            "pm_age_max": "40",
        },
    )
    assert Remains.objects.get(code="R-99").sample_barcode == "PM99"
    tracer = Client()
    tracer.force_login(world["tracer"])
    assert tracer.get("/identification/remains/register/").status_code == 404


def test_incremental_run_equals_a_full_run(world, monkeypatch):
    from casework.identification import matching
    from casework.remains.models import RecoverySite, Remains
    from tests.identification_world import write_long

    import_profiles(world["lab"], table=world["table"], by=None)
    first = matching_run_execute(matching_run_create(by=None))
    assert first.provenance["incremental"]["previous_run"] is None
    # New remains arrive (a copy of R-2's profile under a new barcode), and one family
    # loses a reference (consent withdrawn).
    Remains.objects.create(
        code="R-9", sample_barcode="PM9", site=RecoverySite.objects.first(), pm_sex="M"
    )
    rows = [["PM9", *r[1:]] for r in world["rows"] if r[0] == "PM2"]
    import_profiles(write_long(world["tmp"] / "more.csv", rows), table=world["table"], by=None)
    sample_withdraw_consent(
        sample=ReferenceSample.objects.get(barcode="RS2S1"), reason="x", by=None
    )
    second = matching_run_execute(matching_run_create(by=None))
    inc = second.provenance["incremental"]
    assert inc["previous_run"] == first.pk
    assert inc["remains_searched_fully"] == 1 and inc["families_new_or_changed"] == 1
    monkeypatch.setattr(matching, "_previous", lambda run, markers: None)
    full = matching_run_execute(matching_run_create(by=None))

    def table(run):
        return sorted(
            (
                c.remains.code,
                c.case.case_number,
                c.rank,
                round(c.log10_lr, 9),
                round(c.posterior, 12),
            )
            for c in Candidate.objects.filter(run=run)
        )

    assert table(second) == table(full)
    assert any(r[0] == "R-9" for r in table(second))


def test_pedigree_member_linked_to_a_person(world):
    case = world["cases"][0]
    enquirer = case.request.enquirer
    client = Client()
    client.force_login(world["tracer"])
    fa = case.pedigree.members.get(label="FA")
    mo = case.pedigree.members.get(label="MO")
    r = client.post(
        f"/cases/{case.pk}/dna/",
        {
            "form": "member",
            "label": "S2",
            "sex": "M",
            "father": fa.pk,
            "mother": mo.pk,
            "person": enquirer.pk,
        },
    )
    assert r.status_code == 302
    assert case.pedigree.members.get(label="S2").person == enquirer
    r = client.post(
        f"/cases/{case.pk}/dna/", {"form": "member", "label": "S3", "sex": "M", "person": 999999}
    )
    assert "No such person." in r.content.decode()


def test_reading_candidates_and_pedigrees_is_audited(world, forensic):
    from casework.core.models import AuditEntry

    import_profiles(world["lab"], table=world["table"], by=None)
    run = matching_run_execute(matching_run_create(by=None))
    cand = Candidate.objects.filter(run=run).first()
    client = Client()
    client.force_login(forensic)
    client.get(f"/identification/remains/{cand.remains_id}/")
    client.get(f"/cases/{cand.case_id}/dna/")
    actions = set(AuditEntry.objects.filter(actor=forensic).values_list("action", flat=True))
    assert {"identification.remains.view", "samples.pedigree.view"} <= actions
