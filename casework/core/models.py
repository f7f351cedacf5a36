"""Core models: the user account and the hash-chained, append-only audit log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from casework.core.errors import AuditLogAppendOnly

APPEND_ONLY = "The audit log is append-only: entries cannot be changed or deleted."


class User(AbstractUser):
    """A person who logs in. Roles are Django groups seeded by a migration."""

    organisation = models.CharField(max_length=200, blank=True)

    class Meta:
        permissions = [
            ("view_auditlog", "Can view the audit log"),
            ("view_aggregates", "Can view aggregate figures"),
        ]

    @property
    def role_names(self) -> list[str]:
        return sorted(g.name for g in self.groups.all())


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogAppendOnly(APPEND_ONLY)

    def delete(self):
        raise AuditLogAppendOnly(APPEND_ONLY)


class AuditEntry(models.Model):
    """One audited event. ``entry_hash`` = SHA-256 over the canonical JSON of the
    entry's fields and ``prev_hash``, so changing or removing any entry breaks the
    chain from that point on (see ``casework.core.audit``)."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogAppendOnly(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogAppendOnly(APPEND_ONLY)


class AuditChainHead(models.Model):
    """A single row holding the last sequence number and hash. Writers lock it
    (``select_for_update``) so concurrent transactions extend the chain one at a time."""

    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit head #{self.seq}"


class Counter(models.Model):
    """Named counters for human-readable numbers (case numbers, request references).
    Incremented under ``select_for_update`` inside the caller's transaction."""

    name = models.CharField(max_length=50, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
