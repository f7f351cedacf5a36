from __future__ import annotations

import csv
import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from casework.detention.isolation import default_threshold, isolation_alerts


class Command(BaseCommand):
    help = "Detention: `detention isolation --days 30 [--format csv|json] [--as-of DATE]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        iso = sub.add_parser("isolation", help="detainees without visit and family contact")
        iso.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"threshold in days (default {default_threshold()})",
        )
        iso.add_argument("--format", choices=["table", "csv", "json"], default="table")
        iso.add_argument("--as-of", default=None, help="reference date YYYY-MM-DD (default today)")

    def handle(self, *args, action, days, format, as_of, **o):
        try:
            when = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise CommandError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from None
        rows = isolation_alerts(days=days, as_of=when)
        if format == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
            return
        if format == "csv":
            fields = (
                list(rows[0].as_dict())
                if rows
                else [
                    "reference",
                    "name",
                    "status",
                    "place",
                    "captured_on",
                    "last_visit",
                    "last_family_contact",
                    "days_since_visit",
                    "days_since_family_contact",
                    "isolation_days",
                ]
            )
            w = csv.DictWriter(self.stdout, fieldnames=fields, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow(r.as_dict())
            return
        threshold = default_threshold() if days is None else days
        self.stdout.write(
            f"{len(rows)} detainee(s) without independent visit and family "
            f"contact for {threshold} days or more:"
        )
        for r in rows:
            self.stdout.write(
                f"{r.reference}  {r.name:<40} {r.status:<18} "
                f"visit {r.last_visit or 'never'} ({r.days_since_visit} d)  "
                f"family {r.last_contact or 'never'} ({r.days_since_contact} d)  "
                f"isolated {r.isolation_days} d"
            )
        sys.stdout.flush()
