from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.identification.services import identification_report


class Command(BaseCommand):
    help = "Identifications: `identification report ID --pdf FILE --as USER`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("report", help="write the identification report as PDF")
        r.add_argument("id", type=int)
        r.add_argument("--pdf", required=True)
        add_actor_argument(r)

    def handle(self, *args, action, id, pdf, actor, **o):
        by = resolve_actor(actor)
        with domain_errors():
            _ident, data = identification_report(viewer=by, ident_id=id)
        Path(pdf).write_bytes(data)
        self.stdout.write(f"Report of identification #{id} written to {pdf}.")
