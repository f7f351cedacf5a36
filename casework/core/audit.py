"""The audit log: every write, and every read of a sensitive record, appends an entry.

Hash chain
----------
Entry *n* stores ``prev_hash`` (the hash of entry *n−1*, or 64 zeros for the first)
and ``entry_hash = SHA-256(canonical_json(fields of n) ‖ prev_hash)``, where the
canonical JSON has sorted keys, no whitespace and ISO-8601 UTC timestamps. Verifying
recomputes every hash in sequence; the first entry whose stored hash, link or
sequence number disagrees is reported as tampered. A single ``AuditChainHead`` row,
locked for update, serialises writers on PostgreSQL; on SQLite the IMMEDIATE
transaction mode already does.

``audit_record`` must be called inside the transaction of the change it records, so
the change and its entry commit or roll back together.

Action registry
---------------
Every action name is dotted (``"tracing.case.close"``) and declared, with a label a
reader understands, in its app's ``audit_actions.py`` through
:func:`register_audit_actions`; the core app discovers those modules at start-up.
``audit_record`` refuses an undeclared name and an entry without a named actor: the
CLI acts as a named user, a background job as the user who started it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from casework.core.flows import Actor
from casework.core.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64
NOT_IN_TRANSACTION = "audit_record() must run inside the transaction of the change it records."
UNKNOWN_ACTION = "Audit action {action!r} is not declared in any app's audit_actions.py."
NO_ACTOR = "An audit entry needs a named user as its actor, not {by!r}."
ACTION_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")

AUDIT_ACTIONS: dict[str, Any] = {}
READ_ACTIONS: set[str] = set()


def register_audit_actions(actions: dict[str, Any], *, reads: bool = False) -> None:
    """Declare audit action names (dotted) with their human-readable labels.
    ``reads=True`` declares the audits of *reads* of sensitive records (opening a
    record, exporting a name list): the only entries a GET may write."""
    for name, label in actions.items():
        if not ACTION_NAME.match(name):
            raise ValueError(f"Audit action {name!r} is not a dotted lower-case name.")
        if AUDIT_ACTIONS.get(name, label) != label:
            raise ValueError(f"Audit action {name!r} is declared twice with different labels.")
        AUDIT_ACTIONS[name] = label
        if reads:
            READ_ACTIONS.add(name)


def action_label(name: str) -> Any:
    """The label of an action, or the name itself for entries of retired actions."""
    return AUDIT_ACTIONS.get(name, name)


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "seq": entry.seq,
        "at": entry.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "changes": entry.changes,
        "reason": entry.reason,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _jsonable(value: Any) -> Any:
    """Normalise a value the way the JSON column will give it back."""
    return json.loads(json.dumps(value, default=str))


def audit_record(
    *,
    by: Actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry. ``by`` is the acting User (required). ``action`` is a declared
    dotted name. ``changes`` maps a field name to ``[old, new]`` (or any JSON value)."""
    if not connection.in_atomic_block:
        raise RuntimeError(NOT_IN_TRANSACTION)
    if action not in AUDIT_ACTIONS:
        raise RuntimeError(UNKNOWN_ACTION.format(action=action))
    if by is None or not getattr(by, "pk", None):
        raise RuntimeError(NO_ACTOR.format(by=by))
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=by,
        actor_username=by.get_username(),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        changes=_jsonable(changes or {}),
        reason=reason,
        prev_hash=head.last_hash,
    )
    entry.entry_hash = compute_hash(entry)
    entry.save()
    AuditChainHead.objects.filter(pk=1).update(seq=entry.seq, last_hash=entry.entry_hash)
    return entry


@dataclass(frozen=True)
class VerifyResult:
    intact: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""

    def message(self) -> str:
        if self.intact:
            return f"Audit chain intact: {self.checked} entries verified."
        return f"Audit chain broken at entry #{self.first_bad_seq}: {self.problem}"


def audit_verify(progress: Any = None) -> VerifyResult:
    """Recompute the chain from the first entry; stop at the first inconsistency."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    with transaction.atomic():
        head = AuditChainHead.objects.get(pk=1)
        for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
            if entry.seq != expected_seq:
                return VerifyResult(
                    False, checked, expected_seq, f"entry #{expected_seq} is missing"
                )
            if entry.prev_hash != expected_prev:
                return VerifyResult(
                    False, checked, entry.seq, "its link to the previous entry does not match"
                )
            if compute_hash(entry) != entry.entry_hash:
                return VerifyResult(
                    False, checked, entry.seq, "its content does not match its hash"
                )
            expected_prev = entry.entry_hash
            expected_seq += 1
            checked += 1
            if progress is not None:
                progress(checked)
        if head.seq != checked or head.last_hash != expected_prev:
            return VerifyResult(
                False,
                checked,
                checked + 1,
                f"the chain head records {head.seq} entries but {checked} were found "
                "(entries at the end were removed)",
            )
    return VerifyResult(True, checked)


def history_for(obj_type: str, obj_ids: list[str]) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj_type, object_id__in=obj_ids).order_by("-seq")
