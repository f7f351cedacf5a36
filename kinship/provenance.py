"""Provenance attached to every result (library version, markers, frequency table
digest, mutation models, θ, prior)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kinship._version import __version__
from kinship.markers import Marker, frequency_digest


def provenance(markers: Sequence[Marker], **params: Any) -> dict[str, Any]:
    """tskit-style provenance record of one computation: ``params`` are the options
    (θ, prior, hypothesis, ...) as given."""
    return {
        "library": "kinship",
        "version": __version__,
        "markers": [m.name for m in markers],
        "frequency_digest": frequency_digest(markers),
        "mutation_models": {
            m.name: (m.mutation.describe() if m.mutation else {"model": "none"}) for m in markers
        },
        **params,
    }
