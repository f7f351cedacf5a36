from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.core.errors import ImportRejected
from casework.identification.frequencies import default_table
from casework.identification.models import FrequencyTable
from casework.identification.profiles import import_profiles


class Command(BaseCommand):
    help = (
        "Import DNA profiles (CSV/XLSX long or wide tables, GeneMapper ID-X tab-delimited "
        "exports); all-or-nothing, idempotent. Profiles attach to samples by barcode."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--table", type=int, help="frequency table id (default: the demo table)"
        )
        parser.add_argument("--lab", default="", help="laboratory name")

    def handle(self, *args, file, table, lab, **options):
        t = FrequencyTable.objects.filter(pk=table).first() if table else default_table()
        if t is None:
            raise CommandError(f"No frequency table {table}.")
        try:
            report = import_profiles(file, table=t, by=None, laboratory=lab)
        except ImportRejected as exc:
            for line in exc.problems:
                self.stderr.write(line)
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(report.message()))
