from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casework.identification.decisions import identification_report_pdf
from casework.identification.models import Identification


class Command(BaseCommand):
    help = "Identifications: `identification report ID --pdf FILE`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("report", help="write the identification report as PDF")
        r.add_argument("id", type=int)
        r.add_argument("--pdf", required=True)
        r.add_argument(
            "--user", required=True, help="forensic specialist producing the report (audited)"
        )

    def handle(self, *args, action, id, pdf, user, **o):
        from casework.core.errors import NotFound
        from casework.core.models import User

        by = User.objects.filter(username=user).first()
        ident = Identification.objects.filter(pk=id).first()
        if by is None or ident is None:
            raise CommandError("No such identification or user.")
        try:
            Path(pdf).write_bytes(identification_report_pdf(ident, by=by))
        except NotFound:
            raise CommandError(f"User {user} may not produce identification reports.") from None
        self.stdout.write(f"Report of identification #{id} written to {pdf}.")
