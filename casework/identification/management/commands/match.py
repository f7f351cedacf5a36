from __future__ import annotations

from django.core.management.base import BaseCommand
from rich.progress import Progress

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.identification.matching import matching_run_execute
from casework.identification.selectors import remains_candidates_list
from casework.identification.services import matching_run_create


class Command(BaseCommand):
    help = (
        "Matching runs: `match run [--progress] --as USER`, "
        "`match candidates REMAINS_CODE --as USER`."
    )

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
        add_actor_argument(r)
        c = sub.add_parser("candidates", help="the ranked candidates of one set of remains")
        c.add_argument("remains")
        add_actor_argument(c)

    def handle(self, *args, action, actor, **o):
        by = resolve_actor(actor)
        with domain_errors():
            if action == "run":
                self.run(by, o["progress"], o["prior"])
            else:
                self.candidates(by, o["remains"])

    def run(self, by, progress: bool, prior):
        run = matching_run_create(by=by, prior=prior)
        with Progress(disable=not progress) as bar:
            task = bar.add_task("matching", total=None)
            run = matching_run_execute(
                run=run, by=by, progress=lambda d, t: bar.update(task, completed=d, total=t)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Matching run #{run.pk}: {run.n_remains} remains × {run.n_families} families, "
                f"{run.candidates.count()} candidate pairs with LR > 1 (prior {run.prior:.3g})."
            )
        )

    def candidates(self, by, code: str):
        result = remains_candidates_list(viewer=by, code=code)
        if result.run is None:
            self.stdout.write("No finished matching run yet: run `kintrace match run`.")
            return
        if not result.candidates:
            self.stdout.write(f"{code}: no candidate with LR > 1 in run #{result.run.pk}.")
        for c in result.candidates:
            self.stdout.write(
                f"{c.rank}. {c.case.case_number} {c.case.person.display_name}: "
                f"log10 LR {c.log10_lr:.2f}, posterior {c.posterior:.6f}"
            )
            if c.rank == 1:
                self.stdout.write("   " + result.sentence)
