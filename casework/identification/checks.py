"""System checks of the identification app (run with ``manage.py check --database
default``, and before ``migrate``/``runserver``): the allele-frequency table named in
``KINTRACE_FREQUENCY_TABLE`` must be imported, or no profile import, matching run or
reference-power computation can run."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError

from casework.identification.frequencies import (
    SHIPPED_TABLE,
    FrequencyTableMissing,
    active_frequency_table,
)

W001 = "kintrace.W001"
TABLE_MISSING_HINT = (
    "Import it: kintrace import frequencies FILE --name NAME --version VERSION "
    "--citation TEXT --as USER (the shipped table is {shipped}), or name an imported "
    "table in KINTRACE_FREQUENCY_TABLE."
)


@checks.register(checks.Tags.database)
def check_frequency_table(app_configs: Any = None, databases: Any = None, **kwargs: Any):
    """Warn (kintrace.W001) when the table named in ``KINTRACE_FREQUENCY_TABLE`` is not
    imported. Robust on a database without tables (before ``migrate``): then it says
    nothing."""
    if not databases:
        return []
    try:
        active_frequency_table()
    except FrequencyTableMissing as exc:
        return [
            checks.Warning(
                exc.message,
                hint=TABLE_MISSING_HINT.format(shipped=SHIPPED_TABLE),
                id=W001,
            )
        ]
    except DatabaseError:
        return []  # no tables yet: migrate first
    return []
