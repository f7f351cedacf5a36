"""Errors of the kinship library. Messages are constants so that tests (and
callers) can rely on them verbatim."""

from __future__ import annotations


class KinshipError(ValueError):
    """Invalid input to the kinship engine (pedigree, marker, genotype, model)."""


# Pedigree
DUPLICATE_ID = "Duplicate individual id: {id}"
ONE_PARENT = "Individual {id} has only one parent; give both parents or neither"
UNKNOWN_PARENT = "Parent {parent} of individual {id} is not in the pedigree"
FATHER_NOT_MALE = "Individual {parent} is the father of {id} but is not male"
MOTHER_NOT_FEMALE = "Individual {parent} is the mother of {id} but is not female"
SELF_PARENT = "Individual {id} is its own parent"
CYCLE = "The pedigree has a cycle: {path}"
BAD_SEX = "Individual {id} has sex {sex!r}; use 'M', 'F' or 'U'"
UNKNOWN_INDIVIDUAL = "Individual {id} is not in the pedigree"

# Markers and genotypes
FREQ_SUM = "Allele frequencies of marker {marker} sum to {total:.6g}, not 1"
FREQ_NEGATIVE = "Allele frequencies of marker {marker} must be positive"
FREQ_LENGTH = "Marker {marker} has {n_alleles} alleles but {n_freqs} frequencies"
DUPLICATE_ALLELE = "Marker {marker} lists allele {allele} twice"
INVALID_ALLELE = "Invalid allele for marker {marker}: {allele}"
BAD_GENOTYPE = "Genotype of {id} at {marker} must have 1 or 2 alleles, got {alleles!r}"
HEMIZYGOUS_AUTOSOMAL = "Individual {id} has a single allele at autosomal marker {marker}"
MALE_X_HETEROZYGOUS = "Male {id} has two different alleles at X marker {marker}"
BAD_CHROMOSOME = "Marker {marker}: chromosome must be 'autosomal' or 'X', got {chrom!r}"

# Mutation models
MATRIX_SHAPE = "Mutation matrix of {marker} must be {n}x{n}"
MATRIX_ROWS = (
    "Rows of the mutation matrix of {marker} must sum to 1 (row {row} sums to {total:.12g})"
)
MATRIX_RANGE = "Mutation matrix of {marker} has entries outside [0, 1]"
NON_INTEGER_ALLELES = "The {model} model needs integer alleles; marker {marker} has {allele}"
NUMERIC_ALLELES = "The {model} model needs numeric alleles; marker {marker} has {allele}"
UNKNOWN_MODEL = "Unknown mutation model {model!r}"
RATE_TOO_HIGH = (
    "The {model} model with rate {rate} does not exist for marker {marker} (maximum {maximum:.6g})"
)

# Likelihood options
THETA_RANGE = "theta must be in [0, 1), got {theta}"
THETA_WITH_INBREEDING = "theta cannot be combined with founder inbreeding"
INBREEDING_RANGE = "Founder inbreeding of {id} must be in [0, 1], got {f}"
INBREEDING_NOT_FOUNDER = "Founder inbreeding given for {id}, who is not a founder"
