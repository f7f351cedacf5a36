import datetime as dt
import math

import pytest
from django.test import Client

from casework.core import roles
from casework.core.errors import InvalidTransition, NotFound, ValidationFailed
from casework.core.models import AuditEntry
from casework.identification.decisions import (
    SAME_SPECIALIST,
    ConfirmIdentification,
    ProposeIdentification,
)
from casework.identification.matching import build_dvi, matching_run_execute
from casework.identification.models import Candidate
from casework.identification.services import (
    identification_report,
    identification_step,
    matching_run_create,
    profiles_import,
)
from casework.samples.models import DNAProfile, ReferenceSample
from casework.samples.services import (
    PROFILING_BEFORE_RECEIPT,
    STEP_BEFORE_LAST,
    WITHDRAWN,
    pedigree_member_add,
    sample_custody_transfer,
    sample_register,
    sample_withdraw_consent,
)
from casework.tracing.models import CaseStatus
from kinship.lr import missing_person_lr
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def run_as(user, **kw):
    return matching_run_execute(run=matching_run_create(by=user, **kw), by=user)


def test_custody_chain_order_is_enforced(world):
    tracer = world["tracer"]
    sample = ReferenceSample.objects.get(barcode="RS0MO")
    member = sample.member
    case_id = member.pedigree.case_id
    fresh = sample_register(
        case_id=case_id,
        member_id=member.pk,
        barcode="rs-new",
        collected_on=dt.date(2024, 2, 1),
        holder="team",
        place="village",
        by=tracer,
    )
    assert fresh.barcode == "RS-NEW"
    assert fresh.consent_identification_only is False  # consent is never assumed
    with pytest.raises(InvalidTransition, match=PROFILING_BEFORE_RECEIPT):
        sample_custody_transfer(sample_id=fresh.pk, step="profiled", holder="lab", by=tracer)
    with pytest.raises(InvalidTransition, match="the next step cannot be"):
        sample_custody_transfer(sample_id=fresh.pk, step="received", holder="lab", by=tracer)
    with pytest.raises(ValidationFailed) as exc:
        sample_custody_transfer(
            sample_id=fresh.pk,
            step="sent",
            holder="courier",
            by=tracer,
            at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        )
    assert exc.value.errors["at"] == [STEP_BEFORE_LAST.format(last=dt.date(2024, 2, 1))]
    sample_custody_transfer(sample_id=fresh.pk, step="sent", holder="courier", by=tracer)
    assert [e.step for e in fresh.custody.all()] == ["collected", "sent"]
    with pytest.raises(ValidationFailed):
        sample_register(
            case_id=case_id,
            member_id=member.pk,
            barcode="RS-NEW",
            collected_on=dt.date(2024, 2, 1),
            holder="t",
            place="",
            by=tracer,
        )
    mp = member.pedigree.members.get(is_missing=True)
    with pytest.raises(ValidationFailed) as exc:
        sample_register(
            case_id=case_id,
            member_id=mp.pk,
            barcode="X1",
            collected_on=dt.date(2024, 2, 1),
            holder="t",
            place="",
            by=tracer,
        )
    assert "missing person cannot give" in exc.value.errors["member"][0]
    with pytest.raises(NotFound):  # a partner may not touch samples
        sample_custody_transfer(
            sample_id=fresh.pk, step="received", holder="lab", by=user_with_role(roles.PARTNER)
        )


def test_pedigree_member_validation(world):
    tracer = world["tracer"]
    case = world["cases"][0]
    fa = case.pedigree.members.get(label="FA")
    with pytest.raises(ValidationFailed) as exc:
        pedigree_member_add(case_id=case.pk, label="X", sex="M", father_id=fa.pk, by=tracer)
    assert exc.value.errors["father"] == [
        "Individual X has only one parent; give both parents or neither"
    ]
    with pytest.raises(ValidationFailed):
        pedigree_member_add(case_id=case.pk, label="S1", sex="M", by=tracer)


def test_matching_run_equals_the_kinship_engine_directly(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    run = run_as(forensic)
    assert run.status == "done" and run.n_remains == 3 and run.n_families == 3
    dvi, _, _, _ = build_dvi(run)
    for code, case in world["truth"].items():
        cand = Candidate.objects.get(run=run, remains__code=code, case=case)
        fam = dvi.families[[f.id for f in dvi.families].index(case.case_number)]
        direct = missing_person_lr(
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
    finish = AuditEntry.objects.get(action="identification.run.finish")
    assert finish.actor == forensic  # the run acts as the user who started it


def test_the_background_task_runs_as_the_user_who_started_it(world, forensic):
    from casework.identification.tasks import run_matching

    profiles_import(path=world["lab"], by=forensic)
    run = matching_run_create(by=forensic)
    run_matching.call(run.pk)
    run.refresh_from_db()
    assert run.status == "done"
    assert AuditEntry.objects.get(action="identification.run.finish").actor == forensic


def test_withdrawn_consent_removes_the_profile_from_future_runs(world, forensic):
    tracer = world["tracer"]
    profiles_import(path=world["lab"], by=forensic)
    for bc in ("RS0MO", "RS0S1"):
        sample_withdraw_consent(
            sample_id=ReferenceSample.objects.get(barcode=bc).pk,
            reason="letter of 2024-05-02",
            by=tracer,
        )
    s = ReferenceSample.objects.get(barcode="RS0MO")
    assert s.status == "withdrawn" and s.tombstone["profiles_destroyed"] == 1
    assert DNAProfile.objects.get(barcode="RS0MO").genotypes == {}
    assert s.custody.order_by("-at", "-id").first().step == "destroyed"
    with pytest.raises(InvalidTransition, match=WITHDRAWN):
        sample_custody_transfer(sample_id=s.pk, step="stored", holder="lab", by=tracer)
    run = run_as(forensic)
    assert run.n_families == 2
    assert not Candidate.objects.filter(run=run, case=world["cases"][0]).exists()


def _second_specialist():
    from django.contrib.auth.models import Group

    from casework.core.models import User

    u = User.objects.create(username="felix")
    u.groups.set([Group.objects.get(name=roles.FORENSIC_SPECIALIST)])
    return u


def test_four_eyes_and_report(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    run = run_as(forensic)
    case = world["truth"]["R-1"]
    cand = Candidate.objects.get(run=run, remains__code="R-1", rank=1)
    assert cand.case == case
    with pytest.raises(NotFound):
        ProposeIdentification(cand, world["tracer"]).execute()
    ident = ProposeIdentification(
        cand, forensic, "override for the test" if cand.posterior < 0.9999 else ""
    ).execute()
    case.refresh_from_db()
    assert case.status == CaseStatus.MATCH_PROPOSED
    change = case.status_changes.order_by("-id").first()
    assert (change.to_status, change.by) == (CaseStatus.MATCH_PROPOSED, forensic)
    with pytest.raises(InvalidTransition, match=SAME_SPECIALIST):
        ConfirmIdentification(ident, forensic).execute()
    second = _second_specialist()
    ConfirmIdentification(ident, second, "checked").execute()
    case.refresh_from_db()
    assert case.status == CaseStatus.IDENTIFIED
    change = case.status_changes.order_by("-id").first()
    assert (change.to_status, change.by) == (CaseStatus.IDENTIFIED, second)
    identification_step(ident_id=ident.pk, step="notified", on=dt.date.today(), by=second)
    _ident, pdf = identification_report(viewer=second, ident_id=ident.pk)
    assert pdf.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="identification.report", actor=second).exists()


def test_below_threshold_needs_a_written_reason(world, forensic):
    """With a tiny stated prior no posterior reaches the threshold: a proposal then
    needs a written reason, which is kept."""
    profiles_import(path=world["lab"], by=forensic)
    run = run_as(forensic, prior=1e-15)
    cand = Candidate.objects.filter(run=run, rank=1).order_by("-log10_lr").first()
    assert cand.posterior < 0.9999
    with pytest.raises(ValidationFailed) as exc:
        ProposeIdentification(cand, forensic).execute()
    assert "give a written reason to override" in exc.value.errors["override_reason"][0]
    ident = ProposeIdentification(cand, forensic, "family photo and tattoo match").execute()
    assert ident.override_reason == "family photo and tattoo match"


ROLE_PAGES = ["/identification/", "/identification/profiles/import/"]


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_only_forensic_roles_see_genetics(world, forensic, role):
    profiles_import(path=world["lab"], by=forensic)
    run = run_as(forensic)
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
    page = client.get(f"/cases/{cand.case_id}/dna/")
    assert page.status_code == (
        200
        if role in (roles.ADMINISTRATOR, roles.TRACING_OFFICER, roles.FORENSIC_SPECIALIST)
        else 404
    )
    if page.status_code == 200:
        # LRs and candidates only for genetics holders; never a genotype for anyone
        assert ("DNA candidates" in page.content.decode()) == allowed


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
    profiles_import(path=world["lab"], by=forensic)
    run_as(forensic)
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
        "/identification/remains/register/site/",
        {"code": "site-9", "kind": "grave", "latitude": "95"},
    )
    assert "Latitude is between" in r.content.decode()
    r = client.post("/identification/remains/register/site/", {"code": "site-9", "kind": "grave"})
    assert r.status_code == 302
    from casework.remains.models import RecoverySite, Remains

    site = RecoverySite.objects.get(code="SITE-9")
    body = {
        "site_id": site.pk,
        "code": "r-99",
        "sample_barcode": "pm99",
        "kind": "body",
        "pm_sex": "M",
        "pm_age_min": "40",
        "pm_age_max": "30",
    }
    r = client.post("/identification/remains/register/remains/", body)
    assert "The maximum is below the minimum." in r.content.decode()
    r = client.post(
        "/identification/remains/register/remains/",
        {**body, "pm_age_min": "30", "pm_age_max": "40"},
    )
    assert r.status_code == 302
    assert Remains.objects.get(code="R-99").sample_barcode == "PM99"
    tracer = Client()
    tracer.force_login(world["tracer"])
    assert tracer.get("/identification/remains/register/").status_code == 404
    assert (
        tracer.post(
            "/identification/remains/register/site/", {"code": "S-X", "kind": "grave"}
        ).status_code
        == 404
    )


def test_incremental_run_equals_a_full_run(world, forensic, monkeypatch):
    from casework.identification import matching
    from casework.remains.models import RecoverySite
    from casework.remains.services import remains_register
    from tests.identification_world import write_long

    profiles_import(path=world["lab"], by=forensic)
    first = run_as(forensic)
    assert first.provenance["incremental"]["previous_run"] is None
    # New remains arrive (a copy of R-2's profile under a new barcode), and one family
    # loses a reference (consent withdrawn).
    remains_register(
        site_id=RecoverySite.objects.first().pk,
        code="R-9",
        sample_barcode="PM9",
        kind="body",
        pm_sex="M",
        by=forensic,
    )
    rows = [["PM9", *r[1:]] for r in world["rows"] if r[0] == "PM2"]
    profiles_import(path=write_long(world["tmp"] / "more.csv", rows), by=forensic)
    sample_withdraw_consent(
        sample_id=ReferenceSample.objects.get(barcode="RS2S1").pk, reason="x", by=world["tracer"]
    )
    second = run_as(forensic)
    inc = second.provenance["incremental"]
    assert inc["previous_run"] == first.pk
    assert inc["remains_searched_fully"] == 1 and inc["families_new_or_changed"] == 1
    monkeypatch.setattr(matching, "_previous", lambda run, markers: None)
    full = run_as(forensic)

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
        f"/cases/{case.pk}/dna/members/",
        {"label": "S2", "sex": "M", "father": fa.pk, "mother": mo.pk, "person": enquirer.pk},
    )
    assert r.status_code == 302
    assert case.pedigree.members.get(label="S2").person == enquirer
    r = client.post(f"/cases/{case.pk}/dna/members/", {"label": "S3", "sex": "M", "person": 999999})
    assert "No such person." in r.content.decode()


def test_the_pedigree_is_started_by_an_explicit_action(world):
    from casework.samples.models import FamilyPedigree
    from tests.factories import open_request

    tracer = world["tracer"]
    case = open_request(by=tracer).cases.get()
    client = Client()
    client.force_login(tracer)
    page = client.get(f"/cases/{case.pk}/dna/")
    assert page.status_code == 200 and "Start the family pedigree" in page.content.decode()
    assert not FamilyPedigree.objects.filter(case=case).exists()  # GET never writes
    assert client.post(f"/cases/{case.pk}/dna/pedigree/").status_code == 302
    ped = FamilyPedigree.objects.get(case=case)
    assert sorted(ped.members.values_list("label", flat=True)) == ["FA", "MO", "MP"]
    assert (
        AuditEntry.objects.filter(
            action="samples.pedigree.create", actor=tracer, object_id=str(ped.pk)
        ).count()
        == 1
    )
    client.post(f"/cases/{case.pk}/dna/pedigree/")  # again: unchanged
    assert FamilyPedigree.objects.filter(case=case).count() == 1
    assert (
        AuditEntry.objects.filter(
            action="samples.pedigree.create", actor=tracer, object_id=str(ped.pk)
        ).count()
        == 1
    )
    partner = Client()
    partner.force_login(user_with_role(roles.PARTNER))
    assert partner.post(f"/cases/{case.pk}/dna/pedigree/").status_code == 404


def test_sample_custody_and_withdrawal_pages(world):
    tracer = world["tracer"]
    case = world["cases"][2]
    member = case.pedigree.members.get(label="S1")
    client = Client()
    client.force_login(tracer)
    r = client.post(
        f"/cases/{case.pk}/dna/samples/",
        {
            "member": member.pk,
            "barcode": "rs-page",
            "collected_on": "2024-04-01",
            "holder": "field team",
        },
    )
    assert r.status_code == 302
    sample = ReferenceSample.objects.get(barcode="RS-PAGE")
    assert sample.consent_identification_only is False
    r = client.post(
        f"/cases/{case.pk}/dna/custody/",
        {"sample": sample.pk, "step": "received", "holder": "lab"},
    )
    assert "the next step cannot be" in r.content.decode()
    r = client.post(
        f"/cases/{case.pk}/dna/custody/", {"sample": sample.pk, "step": "sent", "holder": "x"}
    )
    assert r.status_code == 302
    r = client.post(f"/cases/{case.pk}/dna/withdraw/", {"sample": sample.pk, "reason": "call"})
    assert r.status_code == 302
    sample.refresh_from_db()
    assert sample.status == "withdrawn"


def test_reading_candidates_and_pedigrees_is_audited(world, forensic):
    profiles_import(path=world["lab"], by=forensic)
    run = run_as(forensic)
    cand = Candidate.objects.filter(run=run).first()
    client = Client()
    client.force_login(forensic)
    client.get(f"/identification/remains/{cand.remains_id}/")
    client.get(f"/cases/{cand.case_id}/dna/")
    client.get(f"/identification/runs/{run.pk}/")
    client.get("/identification/")
    actions = set(AuditEntry.objects.filter(actor=forensic).values_list("action", flat=True))
    assert {
        "identification.remains.view",
        "samples.pedigree.view",
        "identification.run.view",
        "identification.overview.view",
    } <= actions
    before = AuditEntry.objects.count()
    client.get(f"/identification/runs/{run.pk}/", HTTP_HX_REQUEST="true")  # progress poll
    assert AuditEntry.objects.count() == before
