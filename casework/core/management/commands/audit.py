from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from casework.core.management.actor import add_actor_argument, domain_errors, resolve_actor
from casework.core.selectors import audit_chain_verify

PROGRESS_FROM = 5000  # entries; below this the check is instant and a bar only flickers


class Command(BaseCommand):
    help = (
        "Audit log tools. `kintrace audit verify --as USER` checks the hash chain end to "
        "end (administrators and data protection officers)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="Recompute the hash chain; report the first tampered entry."
        )
        add_actor_argument(verify)

    def handle(self, *args, action: str, actor: str | None, **options):
        viewer = resolve_actor(actor)
        with Progress(transient=True) as bar, domain_errors():
            task = bar.add_task("verifying", total=None, visible=False)

            def progress(n: int) -> None:
                if n % 1000 == 0:
                    bar.update(task, completed=n, visible=n >= PROGRESS_FROM)

            result, _total = audit_chain_verify(viewer=viewer, progress=progress)
        if not result.intact:
            raise CommandError(result.message())
        self.stdout.write(result.message())
