from __future__ import annotations

from django.core.management.base import BaseCommand

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.identification.services import frequency_table_import


class Command(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the table's version here; it replaces Django's --version.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    help = (
        "Import an allele-frequency table (CSV: marker,allele,frequency) as a new version: "
        "`kintrace import frequencies FILE --name NAME --version V --citation TEXT --as USER`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--name", required=True)
        parser.add_argument("--version", dest="table_version", required=True)
        parser.add_argument("--citation", required=True)
        add_actor_argument(parser)

    def handle(self, *args, file, name, table_version, citation, actor, **options):
        by = resolve_actor(actor)
        with domain_errors():
            t = frequency_table_import(
                path=file, name=name, version=table_version, citation=citation, by=by
            )
        self.stdout.write(
            self.style.SUCCESS(f"Frequency table #{t.pk}: {t} ({len(t.data)} markers).")
        )
