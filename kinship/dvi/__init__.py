"""Mass search and disaster-victim identification (DVI), after dvir.

Words
-----
The kinship library uses dvir's words (Vigeland & Egeland 2021):

* **PM** (post-mortem): the PM samples, each an unidentified profile — dvir's ``pm``
  list of singletons, which dvir's documentation also calls *victims*. In casework
  they are *remains* (``casework.remains``); in lr.py one of them is the *POI*.
  ``DVIData.victims`` / ``victim_sex`` / ``victim_genotypes`` hold them (the field
  names keep dvir's older word; docstrings say "PM sample").
* **AM** (ante-mortem): the reference families — dvir's ``am`` list of pedigrees,
  ``DVIData.families`` here (``Family``), *family pedigrees* in casework.
* **MP**: a missing person, an untyped member of an AM family (dvir ``missing``).

H0: every PM sample is unrelated to everyone, and every AM family is untouched.

Modules (one concept each)
--------------------------
* ``data`` — ``DVIData``, ``Family`` (dvir ``dviData``), ``sex_compatible`` (the one
  sex rule, scalar and vectorised), ``without_mutation``;
* ``tables`` — the LR tables: per MP and marker, the log LR of every possible
  observation, batched over families of one shape (``build_tables``);
* ``search`` — ``mass_search`` in blocks with bounded memory,
  ``posterior_probability``;
* ``pairwise`` — ``pairwise_lr`` (dvir ``pairwiseLR``), ``LRMatrix``;
* ``undisputed`` — ``exclusion_matrix``, ``find_excluded``, ``find_undisputed``
  (dvir ``exclusionMatrix``, ``findExcluded``, ``findUndisputed``);
* ``joint`` — ``joint_dvi`` (dvir ``jointDVI``), ``JointResult.posterior_pairing``
  (dvir ``Bmarginal``), ``dvi_grid_size`` (dvir ``dviGridSize``).

Method
------
Pairwise LR (``pairwise_lr``): entry (v, m) = L(v placed on m, all else as H0) /
L(H0), the kinship LR of v against m's family. It is computed from the identity

    LR_marker(g) = P(data_f, MP = g) / (L(f) · P_HW(g))

with one joint genotype table of each MP per marker (``likelihood.genotype_table``)
turned into a vector of log LRs over every possible observation g (complete
genotypes, partial ``a/-``, hemizygous, untyped); every PM sample is then a
gather-and-sum over those vectors (``LogLRTables``). The tables of many families are
computed in blocks so that memory stays bounded (``mass_search``).

Sex: only sex-compatible pairings are considered (others are NaN, R ``NA``) unless
``ignore_sex``. Unknown sex ('U') is compatible with both.

Joint analysis (``joint_dvi``): see ``kinship.dvi.joint``.

References: Vigeland MD, Egeland T (2021) Joint DNA-based disaster victim
identification, Sci Rep 11; Vigeland MD, dvir (CRAN; R/pairwiseLR.R,
R/findUndisputed.R, R/exclusionMatrix.R, R/jointDVI.R).
"""

from kinship.dvi.data import UNKNOWN_SEX, DVIData, Family, sex_compatible, without_mutation
from kinship.dvi.joint import MAX_ASSIGNMENTS, JointResult, dvi_grid_size, joint_dvi
from kinship.dvi.pairwise import LRMatrix, pairwise_lr
from kinship.dvi.search import (
    DEFAULT_BLOCK,
    DEFAULT_JOBS,
    DEFAULT_TOP_K,
    MassSearchResult,
    mass_search,
    posterior_probability,
)
from kinship.dvi.tables import (
    LogLRTables,
    build_tables,
    group_tables,
    log_lr_vector,
    marker_offsets,
    mp_tables,
    observation_column,
)
from kinship.dvi.undisputed import (
    MAX_INCOMPATIBLE,
    UNDISPUTED_THRESHOLD,
    Undisputed,
    exclusion_matrix,
    find_excluded,
    find_undisputed,
)

# Old name, still imported by bench/kinship_scale.py (``marker_offsets`` replaces it).
_marker_offsets = marker_offsets

__all__ = [
    "DEFAULT_BLOCK",
    "DEFAULT_JOBS",
    "DEFAULT_TOP_K",
    "MAX_ASSIGNMENTS",
    "MAX_INCOMPATIBLE",
    "UNDISPUTED_THRESHOLD",
    "UNKNOWN_SEX",
    "DVIData",
    "Family",
    "JointResult",
    "LRMatrix",
    "LogLRTables",
    "MassSearchResult",
    "Undisputed",
    "build_tables",
    "dvi_grid_size",
    "exclusion_matrix",
    "find_excluded",
    "find_undisputed",
    "group_tables",
    "joint_dvi",
    "log_lr_vector",
    "marker_offsets",
    "mass_search",
    "mp_tables",
    "observation_column",
    "pairwise_lr",
    "posterior_probability",
    "sex_compatible",
    "without_mutation",
]
