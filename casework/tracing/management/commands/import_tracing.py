from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.core.errors import ImportRejected
from casework.core.models import User
from casework.tracing.importer import ALL_COLUMNS, REQUIRED, import_tracing_file


class Command(BaseCommand):
    help = (
        "Import tracing requests from a CSV or XLSX file (all-or-nothing, idempotent). "
        f"Required columns: {', '.join(REQUIRED)}. Optional: "
        f"{', '.join(c for c in ALL_COLUMNS if c not in REQUIRED)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="Username recorded in the audit log (default: system)")

    def handle(self, *args, file: str, user: str | None, **options):
        from rich.progress import Progress

        by = None
        if user:
            by = User.objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No user {user!r}.")
            if not by.has_perm("tracing.import_tracing"):
                raise CommandError(f"User {user!r} may not import tracing requests.")
        with Progress(transient=True) as bar:
            task = bar.add_task("importing", total=None)
            try:
                report = import_tracing_file(
                    file, by=by, progress=lambda d, t: bar.update(task, completed=d, total=t)
                )
            except ImportRejected as exc:
                bar.stop()
                for line in exc.problems:
                    self.stderr.write(line)
                raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(report.message()))
