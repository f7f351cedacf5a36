"""The identification demo, on a small generated registry: built through the flows, and
every outcome is backed by the record that justifies it."""

import pytest

from casework.core.audit import audit_verify
from casework.demo.generator import build_demo
from casework.demo.identification import build_identification_demo
from casework.identification.models import Identification
from casework.samples.models import CustodyEvent, ReferenceSample
from casework.samples.services import NEXT_STEPS
from casework.tracing.models import Case, CaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    build_demo(seed=11, families=120, progress=None)
    return build_identification_demo(seed=3, unrelated_remains=5)


def test_every_identified_case_has_a_confirmed_identification(demo):
    identified = Case.objects.filter(status=CaseStatus.IDENTIFIED)
    assert demo["identified"] == identified.count() > 0
    for case in identified:
        ident = Identification.objects.get(case=case, status=Identification.Status.CONFIRMED)
        assert ident.proposed_by.username == "forensic"
        assert ident.decided_by.username == "forensic2"
        assert demo["truth"][ident.remains.code] == case.case_number
        last = case.status_changes.order_by("-id").first()
        assert last.to_status == CaseStatus.IDENTIFIED and last.by.username == "forensic2"


def test_every_sample_custody_follows_the_allowed_order(demo):
    assert ReferenceSample.objects.count() == demo["samples"] > 0
    for sample in ReferenceSample.objects.prefetch_related("custody"):
        steps = [e for e in sample.custody.order_by("at", "id")]
        prev = None
        for e in steps:
            assert e.step in NEXT_STEPS[prev], (sample.barcode, prev, e.step)
            assert e.recorded_by is not None
            prev = e.step
        assert steps[0].step == CustodyEvent.Step.COLLECTED
        assert prev == CustodyEvent.Step.PROFILED  # the lab export was imported


def test_the_demo_leaves_a_true_audit_trail(demo):
    from casework.core.models import AuditEntry

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "identification.frequencies.import",
        "samples.bulk.register",
        "remains.register",
        "identification.profiles.import",
        "identification.run.finish",
        "identification.propose",
        "identification.confirm",
    } <= actions
    assert audit_verify().intact
