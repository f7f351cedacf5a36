"""Use cases that write in the identification workflow, each a flow (see
``casework.core.flows``): import an allele-frequency table, import DNA profiles,
start a matching run, propose / decide an identification, record the notification of
the family and the handover of the remains."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils.translation import gettext as _

from casework.core.audit import audit_record
from casework.core.errors import ValidationFailed
from casework.core.flows import Actor, flow
from casework.identification.decisions import PERM as DECIDE
from casework.identification.decisions import (
    ConfirmIdentification,
    ProposeIdentification,
    RejectIdentification,
    identification_record_step,
    identification_report_pdf,
)
from casework.identification.frequencies import (
    DEFAULT_MUTATION,
    active_frequency_table,
    frequency_table_store,
)
from casework.identification.matching import RUN_PERMISSION
from casework.identification.models import FrequencyTable, Identification, MatchingRun
from casework.identification.profiles import ProfileImportReport, profiles_store
from casework.identification.selectors import access_candidate, access_identification

UNKNOWN_DECISION = "Choose confirm or reject."


@flow("identification.frequencies.import", permission="identification.add_frequencytable")
def frequency_table_import(
    *, path: str | Path, name: str, version: str, citation: str, by: Actor
) -> FrequencyTable:
    """Import a ``marker,allele,frequency`` CSV as a new, named table version (see
    :func:`~casework.identification.frequencies.frequency_table_store`)."""
    return frequency_table_store(path=path, name=name, version=version, citation=citation, by=by)


@flow("identification.profiles.import", permission="samples.add_dnaprofile")
def profiles_import(
    *,
    path: str | Path,
    by: Actor,
    laboratory: str = "",
    replace: bool = False,
    reason: str = "",
) -> ProfileImportReport:
    """Import a laboratory export against the active frequency table; all or nothing.
    A profile that would lose markers or change alleles of the current one is refused
    unless ``replace`` is asked with a ``reason`` (see
    :func:`~casework.identification.profiles.profiles_store`)."""
    return profiles_store(
        path,
        table=active_frequency_table(),
        by=by,
        laboratory=laboratory,
        replace=replace,
        reason=reason.strip(),
    )


@flow("identification.run.create", permission=RUN_PERMISSION)
def matching_run_create(
    *, by: Actor, mutation: dict | None = None, prior: float | None = None
) -> MatchingRun:
    """Queue a matching run over the active frequency table; the background job (or
    the CLI) then executes it as ``by``."""
    if prior is not None and not 0 < prior < 1:
        raise ValidationFailed({"prior": [_("The prior must be strictly between 0 and 1.")]})
    table = active_frequency_table()
    run = MatchingRun.objects.create(
        frequency_table=table,
        mutation=mutation or DEFAULT_MUTATION,
        prior=prior if prior is not None else -1.0,
        requested_by=by,
    )
    audit_record(
        by=by,
        action="identification.run.create",
        obj=run,
        changes={"table": str(table), "prior": prior},
    )
    return run


@flow("identification.decision.propose", permission=DECIDE)
def identification_propose(
    *, candidate_id: int, by: Actor, override_reason: str = ""
) -> Identification:
    """Propose that the candidate's remains are its missing person (first specialist)."""
    candidate = access_candidate(by, candidate_id)
    return ProposeIdentification(candidate, by, override_reason).execute()


@flow("identification.decision.decide", permission=DECIDE)
def identification_decide(
    *, ident_id: int, decision: str, by: Actor, note: str = ""
) -> Identification:
    """Confirm (a second specialist; the case becomes identified) or reject a proposal."""
    ident = access_identification(by, ident_id)
    if decision == "confirm":
        return ConfirmIdentification(ident, by, note).execute()
    if decision == "reject":
        return RejectIdentification(ident, by, note).execute()
    raise ValidationFailed({"decision": [UNKNOWN_DECISION]})


@flow("identification.decision.record_step", permission=DECIDE)
def identification_step(*, ident_id: int, step: str, on: dt.date, by: Actor) -> Identification:
    """Record the notification of the family or the handover of the remains."""
    ident = access_identification(by, ident_id)
    return identification_record_step(identification=ident, step=step, on=on, by=by)


@flow("identification.decision.report", permission=DECIDE, kind="read")
def identification_report(*, viewer: Actor, ident_id: int) -> tuple[Identification, bytes]:
    """The identification report (PDF), audited as a sensitive read."""
    ident = access_identification(viewer, ident_id)
    return ident, identification_report_pdf(ident, by=viewer)
