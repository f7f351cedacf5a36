"""kinship: pedigree likelihoods, kinship likelihood ratios and mass DVI search.

A pure NumPy library (no Django). The vocabulary follows the R pedsuite
(pedtools, pedmut, pedprobr, forrel, dvir by M. D. Vigeland) in snake_case.
See docs/kinship/method.md for the model and formulas.
"""

from kinship.errors import KinshipError
from kinship.markers import Marker
from kinship.mutation import MutationMatrix, MutationModel
from kinship.pedigree import Individual, Pedigree

__version__ = "0.1.0"

__all__ = [
    "Individual",
    "KinshipError",
    "Marker",
    "MutationMatrix",
    "MutationModel",
    "Pedigree",
    "__version__",
]
