"""Deprecated aliases of renamed public names (kept while callers outside kinship/
still use them; each warns with ``DeprecationWarning`` and names its replacement)."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def deprecated_alias(func: Callable[P, R], old: str, new: str) -> Callable[P, R]:
    """``func`` under its old name ``old``; calling it warns that ``new`` replaces it."""

    @functools.wraps(func)
    def alias(*args: P.args, **kwargs: P.kwargs) -> R:
        warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=2)
        return func(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old.rsplit(".", 1)[-1]
    alias.__doc__ = f"Deprecated alias of ``{new}``."
    return alias
