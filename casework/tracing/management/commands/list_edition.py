from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.tracing import editions as ed
from casework.tracing.selectors import ACTIVE_CRITERIA, RegistryFilters


class Command(BaseCommand):
    help = "List editions: create (freeze), export (CSV/XLSX), diff."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser(
            "create", help="Freeze the registry (or a filter of it) as a new edition"
        )
        c.add_argument("--recipient", required=True)
        c.add_argument("--date", default=None, help="Edition date, YYYY-MM-DD (default today)")
        c.add_argument(
            "--status",
            action="append",
            default=[],
            help="Status to include (repeatable; default: every active status)",
        )
        c.add_argument("--region", default="")
        c.add_argument("--from-year", type=int, default=None)
        c.add_argument("--to-year", type=int, default=None)
        c.add_argument("--note", default="")
        add_actor_argument(c)
        e = sub.add_parser("export", help="Write an edition as CSV or XLSX")
        e.add_argument("number", type=int)
        e.add_argument("--format", choices=["csv", "xlsx"], default=None)
        e.add_argument("--output", "-o", required=True)
        add_actor_argument(e)
        d = sub.add_parser("diff", help="What changed between two editions")
        d.add_argument("old", type=int)
        d.add_argument("new", type=int)
        d.add_argument("--format", choices=["text", "json"], default="text")
        add_actor_argument(d)

    def handle(self, *args, action: str, actor: str | None, **o):
        by = resolve_actor(actor)
        with domain_errors():
            getattr(self, f"do_{action}")(by=by, **o)

    def do_create(self, by, recipient, date, status, region, from_year, to_year, note, **_):
        from rich.progress import Progress  # the terminal UI, loaded only when run

        criteria = RegistryFilters(
            status=status or ACTIVE_CRITERIA.status,
            region=region,
            disappeared_from=from_year,
            disappeared_to=to_year,
        )
        day = dt.date.fromisoformat(date) if date else dt.date.today()
        with Progress(transient=True) as bar:
            task = bar.add_task("freezing", total=None)
            edition = ed.edition_create(
                recipient=recipient,
                edition_date=day,
                criteria=criteria,
                note=note,
                by=by,
                progress=lambda d, t: bar.update(task, completed=d, total=t),
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Edition {edition.number} frozen: {edition.entries.count()} cases "
                f"({criteria.describe()})."
            )
        )

    def do_export(self, by, number, format, output, **_):
        fmt = format or ("xlsx" if output.lower().endswith(".xlsx") else "csv")
        export = ed.edition_export(viewer=by, number=number, fmt=fmt)
        Path(output).write_bytes(export.body)
        self.stdout.write(f"Edition {number} written to {output} ({fmt}, {export.entries} cases).")

    def do_diff(self, by, old, new, format, **_):
        diff = ed.edition_diff_for(viewer=by, old_number=old, new_number=new)
        if format == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "old": old,
                        "new": new,
                        "added": [r["case_number"] for r in diff.added],
                        "removed": [
                            {"case_number": r.case_number, "reason": r.reason} for r in diff.removed
                        ],
                        "amended": [
                            {"case_number": a.case_number, "changes": a.changes}
                            for a in diff.amended
                        ],
                        "unchanged": diff.unchanged,
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        self.stdout.write(diff.summary())
        for row in diff.added:
            self.stdout.write(f"+ {row['case_number']}  {row['family_name']} {row['given_name']}")
        for r in diff.removed:
            self.stdout.write(
                f"- {r.case_number}  {r.row.get('family_name', '')} "
                f"{r.row.get('given_name', '')}: {r.reason}"
            )
        for a in diff.amended:
            for field, (x, y) in a.changes.items():
                self.stdout.write(f"~ {a.case_number}  {field}: {x} → {y}")
