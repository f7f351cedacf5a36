from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from casework.identification.matching import (
    explain,
    latest_run,
    matching_run_create,
    matching_run_execute,
)
from casework.identification.models import Candidate
from casework.remains.models import Remains


class Command(BaseCommand):
    help = "Matching runs: `match run [--progress]`, `match candidates REMAINS_CODE`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("run", help="match every remains profile against every family")
        r.add_argument("--progress", action="store_true", help="show a progress bar")
        r.add_argument(
            "--prior",
            type=float,
            default=None,
            help="prior probability per pair (default 1/number of missing persons)",
        )
        c = sub.add_parser("candidates", help="the ranked candidates of one set of remains")
        c.add_argument("remains")

    def handle(self, *args, action, **o):
        if action == "run":
            return self.run(o["progress"], o["prior"])
        return self.candidates(o["remains"])

    def run(self, progress: bool, prior):
        from rich.progress import Progress

        run = matching_run_create(by=None, prior=prior)
        with Progress(disable=not progress) as bar:
            task = bar.add_task("matching", total=None)
            run = matching_run_execute(
                run, progress=lambda d, t: bar.update(task, completed=d, total=t)
            )
        n = run.candidates.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Matching run #{run.pk}: {run.n_remains} remains × {run.n_families} families, "
                f"{n} candidate pairs with LR > 1 (prior {run.prior:.3g})."
            )
        )

    def candidates(self, code: str):
        remains = Remains.objects.filter(code=code).first()
        run = latest_run()
        if remains is None:
            raise CommandError(f"No remains {code}.")
        if run is None:
            raise CommandError("No finished matching run yet: run `kintrace match run`.")
        rows = Candidate.objects.filter(run=run, remains=remains).select_related("case__person")
        if not rows:
            self.stdout.write(f"{code}: no candidate with LR > 1 in run #{run.pk}.")
        for c in rows:
            self.stdout.write(
                f"{c.rank}. {c.case.case_number} {c.case.person.display_name}: "
                f"log10 LR {c.log10_lr:.2f}, posterior {c.posterior:.6f}"
            )
            if c.rank == 1:
                self.stdout.write("   " + explain(c.log10_lr, c.case.person.display_name))
