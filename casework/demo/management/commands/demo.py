"""``kintrace demo``: build the fictional demo database, as the demo users it creates."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress, TaskID

from casework.demo.detention import build_detention_demo
from casework.demo.generator import DEMO_PASSWORD, DEMO_USERS, build_demo, demo_cases_loaded
from casework.demo.identification import build_identification_demo


class Command(BaseCommand):
    help = (
        "Build the fictional demo database (idempotent: an existing demo is kept). It acts "
        "as the demo users it creates (admin, tracer, tracer2, forensic, forensic2, detention)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete all data first and build the demo again."
        )
        parser.add_argument("--families", type=int, default=3500)
        parser.add_argument("--seed", type=int, default=20261122)

    def handle(self, *args, reset: bool, families: int, seed: int, **options):
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            call_command("migrate", "core", "zero", interactive=False, verbosity=0)
            call_command("migrate", interactive=False, verbosity=0)
        existing = demo_cases_loaded()
        if existing:
            self.stdout.write(
                f"The demo data is already loaded ({existing} cases); use --reset to rebuild it."
            )
        else:
            with Progress() as bar:
                tasks: dict[str, TaskID] = {}

                def progress(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total)
                    bar.update(tasks[stage], completed=done, total=total)

                try:
                    stats = build_demo(seed=seed, families=families, progress=progress)
                except Exception as exc:  # pragma: no cover - shown to the operator
                    raise CommandError(f"Building the demo failed: {exc}") from exc
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo built: {stats['cases']} cases, {stats['persons']} persons, "
                    f"{stats['outcomes']} outcomes established by reviewed evidence, "
                    f"{stats['editions']} list editions."
                )
            )
            ident = build_identification_demo()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Identification demo: {ident['families']} family pedigrees, "
                    f"{ident['samples']} reference samples, {ident['remains']} remains, "
                    f"{ident['profiles']} DNA profiles imported from a simulated "
                    f"laboratory export; one matching run, {ident['identified']} "
                    "identifications proposed by forensic and confirmed by forensic2. "
                    "Start another run on the Identification page or with "
                    "`kintrace match run --as forensic --progress`."
                )
            )
            det = build_detention_demo()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Detention demo: {det['places']} places, {det['detainees']} detainees, "
                    f"{det['visits']} visits, {det['contacts']} family messages; "
                    f"{det['pow_group']} prisoners of war last visited in {det['left'][:7]}."
                )
            )
        self.stdout.write("\nDemo logins (password for all: " + DEMO_PASSWORD + "):")
        for username, role, _ in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {role}")
