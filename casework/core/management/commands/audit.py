from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.core.audit import audit_verify
from casework.core.models import AuditEntry


class Command(BaseCommand):
    help = "Audit log tools. `kintrace audit verify` checks the hash chain end to end."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Recompute the hash chain; report the first tampered entry.")

    def handle(self, *args, action: str, **options):
        from rich.progress import Progress

        total = AuditEntry.objects.count()
        with Progress(transient=True, disable=total < 5000) as bar:
            task = bar.add_task("verifying", total=total)
            result = audit_verify(
                progress=lambda n: bar.update(task, completed=n) if n % 1000 == 0 else None
            )
        if not result.intact:
            raise CommandError(result.message())
        self.stdout.write(result.message())
