from __future__ import annotations

from django.core.management.base import BaseCommand

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.identification.services import profiles_import


class Command(BaseCommand):
    help = (
        "Import DNA profiles (CSV/XLSX long or wide tables, GeneMapper ID-X tab-delimited "
        "exports) against the active frequency table (KINTRACE_FREQUENCY_TABLE); "
        "all-or-nothing, idempotent. Profiles attach to samples by barcode. A profile that "
        "would lose markers or change alleles is refused unless --replace --reason TEXT."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--lab", default="", help="laboratory name")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace current profiles that would lose markers or change alleles "
            "(the old versions are kept); needs --reason",
        )
        parser.add_argument("--reason", default="", help="why the profiles are replaced")
        add_actor_argument(parser)

    def handle(self, *args, file, lab, replace, reason, actor, **options):
        by = resolve_actor(actor)
        with domain_errors():
            report = profiles_import(
                path=file, by=by, laboratory=lab, replace=replace, reason=reason
            )
        self.stdout.write(self.style.SUCCESS(report.message()))
        for line in report.lines():
            self.stdout.write(line)
