"""The CLI acts as a named user.

Every management command that runs a flow takes ``--as USER`` (default: the
``KINTRACE_USER`` environment variable); the flow then checks that user's permissions
and writes the audit entry in their name, exactly as for a page or the API. There is
no anonymous "system" actor.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from casework.core.errors import ImportRejected, KintraceError, ValidationFailed
from casework.core.flows import Actor, is_actor
from casework.core.models import User

ACTOR_ENV = "KINTRACE_USER"


def add_actor_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--as USER`` to a command (or to one of its sub-commands)."""
    parser.add_argument(
        "--as",
        dest="actor",
        metavar="USER",
        default=os.environ.get(ACTOR_ENV) or None,
        help=_("the user the command acts as (default: $%(env)s)") % {"env": ACTOR_ENV},
    )


def resolve_actor(username: str | None) -> Actor:
    """The active user named ``username``; a clear CommandError otherwise."""
    if not username:
        raise CommandError(
            _("Name the user this command acts as: --as USER (or set %(env)s).")
            % {"env": ACTOR_ENV}
        )
    user = User.objects.filter(username=username).first()
    if user is None or not is_actor(user):
        raise CommandError(_("No active user %(name)r.") % {"name": username})
    return user


@contextlib.contextmanager
def domain_errors() -> Iterator[None]:
    """Turn a domain error into a clean CommandError (no traceback): the message, and
    for a rejected import every ``row N: field: problem`` line."""
    try:
        yield
    except ImportRejected as exc:
        raise CommandError("\n".join([*exc.problems, exc.message])) from None
    except ValidationFailed as exc:
        lines = [f"{f}: {m}" for f, msgs in exc.errors.items() for m in msgs]
        raise CommandError("\n".join([*lines, exc.message])) from None
    except KintraceError as exc:
        raise CommandError(exc.message) from None
