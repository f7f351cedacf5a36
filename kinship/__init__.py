"""kinship: pedigree likelihoods, kinship likelihood ratios and mass DVI search.

A pure NumPy library (no Django). The vocabulary follows the R pedsuite
(pedtools, pedmut, pedprobr, forrel, dvir by M. D. Vigeland) in snake_case.
See docs/kinship/method.md for the model, the formulas and the module layout.

Module dependencies (no cycles; checked by tests/kinship/test_layout.py):
``errors`` ← ``mutation`` ← ``markers`` ← ``provenance`` ← ``likelihood`` ← ``lr`` ←
``dvi`` / ``power``; ``pedigree`` and ``simulate`` beside them; ``io`` and ``cli`` on top.
"""

from kinship._version import __version__
from kinship.errors import KinshipError
from kinship.markers import Marker
from kinship.mutation import MutationMatrix, MutationModel
from kinship.pedigree import Individual, Pedigree

__all__ = [
    "Individual",
    "KinshipError",
    "Marker",
    "MutationMatrix",
    "MutationModel",
    "Pedigree",
    "__version__",
]
