"""The ``kintrace`` console script: a thin dispatcher over Django management commands.

kintrace demo                      build the demo database
kintrace import tracing FILE       import tracing requests (CSV/XLSX)
kintrace list-edition create|export|diff ...
kintrace audit verify
kintrace <any manage.py command>   (migrate, runserver, db_worker, ...)
"""

from __future__ import annotations

import os
import sys


def translate(argv: list[str]) -> list[str]:
    if not argv:
        return ["help"]
    head, rest = argv[0], argv[1:]
    if head == "import":
        if not rest:
            return ["help", "import_tracing"]
        return [f"import_{rest[0].replace('-', '_')}", *rest[1:]]
    return [head.replace("-", "_") if not head.startswith("-") else head, *rest]


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    args = translate(list(sys.argv[1:] if argv is None else argv))
    execute_from_command_line(["kintrace", *args])


if __name__ == "__main__":
    main()
