from __future__ import annotations

from django.core.management.base import BaseCommand

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.tracing.importer import ALL_COLUMNS, REQUIRED, import_tracing_file


class Command(BaseCommand):
    help = (
        "Import tracing requests from a CSV or XLSX file (all-or-nothing, idempotent), "
        "as the user named by --as. "
        f"Required columns: {', '.join(REQUIRED)}. Optional: "
        f"{', '.join(c for c in ALL_COLUMNS if c not in REQUIRED)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        add_actor_argument(parser)

    def handle(self, *args, file: str, actor: str | None, **options):
        from rich.progress import Progress  # the terminal UI, loaded only when run

        by = resolve_actor(actor)
        with domain_errors(), Progress(transient=True) as bar:
            task = bar.add_task("importing", total=None)
            report = import_tracing_file(
                file, by=by, progress=lambda d, t: bar.update(task, completed=d, total=t)
            )
        self.stdout.write(self.style.SUCCESS(report.message()))
