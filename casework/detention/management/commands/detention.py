"""``kintrace detention isolation --as USER [--days N] [--format table|csv|json]
[--as-of DATE]``: the isolation alert list, read as a named user through the same
flow as the page and the API (a user who may not see detainees gets "Not found.")."""

from __future__ import annotations

import csv
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.detention.isolation import FIELDS, default_threshold, isolation_alerts

AS_OF_INVALID = gettext_noop("--as-of {value!r} is not a date (YYYY-MM-DD).")


class Command(BaseCommand):
    help = (
        "Detention: `detention isolation --as USER --days 30 [--format csv|json] [--as-of DATE]`."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        iso = sub.add_parser("isolation", help="detainees without visit and family contact")
        add_actor_argument(iso)
        iso.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"threshold in days (default {default_threshold()})",
        )
        iso.add_argument("--format", choices=["table", "csv", "json"], default="table")
        iso.add_argument("--as-of", default=None, help="reference date YYYY-MM-DD (default today)")

    def handle(self, *args, action, days, format, as_of, actor=None, **o):
        try:
            when = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise CommandError(_(AS_OF_INVALID).format(value=as_of)) from None
        viewer = resolve_actor(actor)
        with domain_errors():
            rows = isolation_alerts(viewer=viewer, days=days, as_of=when)
        if format == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=1))
            return
        if format == "csv":
            w = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
            w.writeheader()
            for r in rows:
                w.writerow(r.as_dict())
            return
        threshold = default_threshold() if days is None else days
        self.stdout.write(
            _(
                "%(n)d detainee(s) without independent visit and family contact for "
                "%(days)d days or more:"
            )
            % {"n": len(rows), "days": threshold}
        )
        never = _("never")
        for r in rows:
            self.stdout.write(
                f"{r.reference}  {r.name:<40} {r.status:<18} "
                f"visit {r.last_visit or never} ({r.days_since_visit} d)  "
                f"family {r.last_contact or never} ({r.days_since_contact} d)  "
                f"isolated {r.isolation_days} d"
            )
