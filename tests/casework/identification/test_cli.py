"""The identification commands act as a named user (--as USER) and run the flows."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casework.core.models import AuditEntry
from casework.identification.decisions import ConfirmIdentification, ProposeIdentification
from casework.identification.models import Candidate, MatchingRun

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_match_candidates_and_report_as_named_users(world, forensic, tmp_path):
    assert "9 new profile(s)" in run("import_profiles", str(world["lab"]), "--as", "farida")
    out = run("match", "run", "--as", "farida")
    assert out.startswith("Matching run #") and "3 remains × 3 families" in out
    run_ = MatchingRun.objects.get()
    assert run_.requested_by == forensic
    assert AuditEntry.objects.get(action="identification.run.finish").actor == forensic
    out = run("match", "candidates", "R-1", "--as", "farida")
    assert out.startswith("1. ") and "times more likely" in out
    assert AuditEntry.objects.filter(
        action="identification.candidates.view", actor=forensic
    ).exists()
    with pytest.raises(CommandError, match="Not found"):
        run("match", "candidates", "R-1", "--as", "tomas")
    with pytest.raises(CommandError, match="Not found"):
        run("match", "candidates", "R-404", "--as", "farida")
    with pytest.raises(CommandError, match="Not found"):
        run("match", "run", "--as", "tomas")
    with pytest.raises(CommandError, match="No active user"):
        run("match", "run", "--as", "nobody")

    from tests.casework.identification.test_workflow import _second_specialist

    cand = Candidate.objects.get(run=run_, remains__code="R-1", rank=1)
    ident = ProposeIdentification(cand, forensic, "test override").execute()
    ConfirmIdentification(ident, _second_specialist(), "ok").execute()
    pdf = tmp_path / "r.pdf"
    assert "written to" in run(
        "identification", "report", str(ident.pk), "--pdf", str(pdf), "--as", "farida"
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Not found"):
        run("identification", "report", str(ident.pk), "--pdf", str(pdf), "--as", "tomas")
    with pytest.raises(CommandError, match="Not found"):
        run("identification", "report", "999999", "--pdf", str(pdf), "--as", "farida")
