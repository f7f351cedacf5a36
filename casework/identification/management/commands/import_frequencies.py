from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.core.errors import ImportRejected
from casework.identification.frequencies import frequency_table_import


class Command(BaseCommand):
    help = "Import an allele-frequency table (CSV: marker,allele,frequency) as a new version."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--name", required=True)
        parser.add_argument("--version", dest="table_version", required=True)
        parser.add_argument("--citation", required=True)

    def handle(self, *args, file, name, table_version, citation, **options):
        try:
            t = frequency_table_import(
                path=file, name=name, version=table_version, citation=citation, by=None
            )
        except ImportRejected as exc:
            for line in exc.problems:
                self.stderr.write(line)
            raise CommandError(exc.message) from None
        self.stdout.write(
            self.style.SUCCESS(f"Frequency table #{t.pk}: {t} ({len(t.data)} markers).")
        )
