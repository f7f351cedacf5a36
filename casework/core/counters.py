from __future__ import annotations

from django.db import transaction
from django.db.models import F

from casework.core.models import Counter


def counter_next(name: str, count: int = 1) -> int:
    """Reserve ``count`` numbers; returns the first. Must run in a transaction."""
    assert transaction.get_connection().in_atomic_block, "counter_next needs a transaction"
    Counter.objects.get_or_create(name=name)
    Counter.objects.filter(name=name).update(value=F("value") + count)
    value = Counter.objects.select_for_update().get(name=name).value
    return value - count + 1


def counter_ensure_at_least(name: str, value: int) -> None:
    Counter.objects.get_or_create(name=name)
    Counter.objects.filter(name=name, value__lt=value).update(value=value)
