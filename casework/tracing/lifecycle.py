"""The case lifecycle.

    open → being traced → AM data collected → reference samples collected
         → match proposed → identified | found alive | death confirmed
    (any active status) → tracing ended without result
    (any status but closed) → closed        (a close reason is required)

Active statuses may move forward and skip steps (a person may be found alive the
day after the request is opened) and may step back one stage when a proposed match
is rejected. An outcome can only be followed by closing, and a closed case stays
closed (a new request is opened instead). Every change is kept in the case's
status history and in the audit log.
"""

from __future__ import annotations

from casework.tracing.models import CaseStatus as S

ACTIVE = [S.OPEN, S.BEING_TRACED, S.AM_COLLECTED, S.SAMPLES_COLLECTED, S.MATCH_PROPOSED]
OUTCOMES = [S.IDENTIFIED, S.FOUND_ALIVE, S.DEATH_CONFIRMED, S.ENDED_WITHOUT_RESULT]

CLOSE_NEEDS_REASON = "Closing a case requires a close reason."
REASON_TEXT_REQUIRED = "Explain the change in a few words (reason)."
CLOSED_IS_FINAL = "This case is closed; a closed case cannot change status."


def allowed_targets(current: str) -> list[str]:
    if current == S.CLOSED:
        return []
    if current in OUTCOMES:
        return [S.CLOSED]
    i = ACTIVE.index(S(current))
    forward = ACTIVE[i + 1 :]
    back = [ACTIVE[i - 1]] if i > 0 else []
    return [*back, *forward, *OUTCOMES, S.CLOSED]


def is_active(status: str) -> bool:
    return status in ACTIVE


def transition_error(current: str, target: str) -> str | None:
    if current == S.CLOSED:
        return CLOSED_IS_FINAL
    if target not in allowed_targets(current):
        return f"A case cannot go from “{S(current).label}” to “{S(target).label}”."
    return None
