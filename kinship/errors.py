"""Errors of the kinship library: one exception type, ``KinshipError``, with a stable
machine-readable ``code`` and a message built from a module-level constant.

The constants are message *templates* (``str.format`` fields in braces); tests and
callers rely on them verbatim. Raise with the template and its fields::

    raise KinshipError(E.DUPLICATE_ID, id="FA")   # str(exc) == "Duplicate individual id: FA"
                                                 # exc.code == "duplicate_id"

``KinshipError`` subclasses ``ValueError``, so callers written against ``except
ValueError`` keep working.
"""

from __future__ import annotations

from typing import Any

#: template → code, filled by ``_message`` as the constants below are defined.
CODES: dict[str, str] = {}

#: The code of a ``KinshipError`` raised with a template that is not registered here.
GENERIC_CODE = "kinship_error"


def _message(code: str, template: str) -> str:
    """Register ``template`` under ``code`` and return it (the constant is a plain str)."""
    if template in CODES or code in CODES.values():
        raise RuntimeError(f"duplicate kinship error message or code: {code}")
    CODES[template] = code
    return template


class KinshipError(ValueError):
    """Invalid input to the kinship engine (pedigree, marker, genotype, model, option,
    case file), or a computation refused because it cannot be done exactly.

    ``KinshipError(template, **fields)``: ``message`` is ``template.format(**fields)``,
    ``code`` the template's registered code (``GENERIC_CODE`` for an unregistered one).
    """

    def __init__(self, template: str, /, **fields: Any) -> None:
        self.code = CODES.get(template, GENERIC_CODE)
        self.template = template
        self.fields = fields
        self.message = template.format(**fields) if fields else template
        super().__init__(self.message)

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    def __reduce__(self):
        # Survives pickling (a process-pool executor in mass_search) with its code.
        return (_restore, (self.template, self.fields))


def _restore(template: str, fields: dict[str, Any]) -> KinshipError:
    return KinshipError(template, **fields)


# --- Pedigree ---------------------------------------------------------------------
DUPLICATE_ID = _message("duplicate_id", "Duplicate individual id: {id}")
ONE_PARENT = _message(
    "one_parent", "Individual {id} has only one parent; give both parents or neither"
)
UNKNOWN_PARENT = _message(
    "unknown_parent", "Parent {parent} of individual {id} is not in the pedigree"
)
FATHER_NOT_MALE = _message(
    "father_not_male", "Individual {parent} is the father of {id} but is not male"
)
MOTHER_NOT_FEMALE = _message(
    "mother_not_female", "Individual {parent} is the mother of {id} but is not female"
)
SELF_PARENT = _message("self_parent", "Individual {id} is its own parent")
CYCLE = _message("cycle", "The pedigree has a cycle: {path}")
BAD_SEX = _message("bad_sex", "Individual {id} has sex {sex!r}; use 'M', 'F' or 'U'")
UNKNOWN_INDIVIDUAL = _message("unknown_individual", "Individual {id} is not in the pedigree")

# --- Markers and genotypes --------------------------------------------------------
FREQ_SUM = _message("freq_sum", "Allele frequencies of marker {marker} sum to {total:.6g}, not 1")
FREQ_NEGATIVE = _message("freq_negative", "Allele frequencies of marker {marker} must be positive")
FREQ_LENGTH = _message(
    "freq_length", "Marker {marker} has {n_alleles} alleles but {n_freqs} frequencies"
)
DUPLICATE_ALLELE = _message("duplicate_allele", "Marker {marker} lists allele {allele} twice")
INVALID_ALLELE = _message("invalid_allele", "Invalid allele for marker {marker}: {allele}")
BAD_GENOTYPE = _message(
    "bad_genotype", "Genotype of {id} at {marker} must have 1 or 2 alleles, got {alleles!r}"
)
HEMIZYGOUS_AUTOSOMAL = _message(
    "hemizygous_autosomal", "Individual {id} has a single allele at autosomal marker {marker}"
)
MALE_X_HETEROZYGOUS = _message(
    "male_x_heterozygous", "Male {id} has two different alleles at X marker {marker}"
)
BAD_CHROMOSOME = _message(
    "bad_chromosome", "Marker {marker}: chromosome must be 'autosomal' or 'X', got {chrom!r}"
)
UNKNOWN_MARKER = _message("unknown_marker", "Marker {marker} is not in the case")

# --- Mutation models --------------------------------------------------------------
MATRIX_SHAPE = _message("matrix_shape", "Mutation matrix of {marker} must be {n}x{n}")
MATRIX_ROWS = _message(
    "matrix_rows",
    "Rows of the mutation matrix of {marker} must sum to 1 (row {row} sums to {total:.12g})",
)
MATRIX_RANGE = _message("matrix_range", "Mutation matrix of {marker} has entries outside [0, 1]")
NON_INTEGER_ALLELES = _message(
    "non_integer_alleles", "The {model} model needs integer alleles; marker {marker} has {allele}"
)
NUMERIC_ALLELES = _message(
    "numeric_alleles", "The {model} model needs numeric alleles; marker {marker} has {allele}"
)
UNKNOWN_MODEL = _message("unknown_model", "Unknown mutation model {model!r}")
RATE_TOO_HIGH = _message(
    "rate_too_high",
    "The {model} model with rate {rate} does not exist for marker {marker} (maximum {maximum:.6g})",
)
PM_DOES_NOT_EXIST = _message(
    "pm_does_not_exist", "PM stabilization doesn't exist for this model and these frequencies"
)
MODEL_WITHOUT_FREQUENCIES = _message(
    "model_without_frequencies",
    "The mutation model has no allele frequencies; {property} needs them "
    "(attach the model to a Marker, or pass afreq)",
)

# --- Likelihood options -----------------------------------------------------------
THETA_RANGE = _message("theta_range", "theta must be in [0, 1), got {theta}")
THETA_WITH_INBREEDING = _message(
    "theta_with_inbreeding", "theta cannot be combined with founder inbreeding"
)
INBREEDING_RANGE = _message(
    "inbreeding_range", "Founder inbreeding of {id} must be in [0, 1], got {f}"
)
INBREEDING_NOT_FOUNDER = _message(
    "inbreeding_not_founder", "Founder inbreeding given for {id}, who is not a founder"
)

# --- DVI ----------------------------------------------------------------------------
PRIOR_RANGE = _message("prior_range", "the prior must be strictly between 0 and 1, got {prior}")
TOO_MANY_ASSIGNMENTS = _message(
    "too_many_assignments", "more than {limit} assignments; use pairwise LRs instead"
)
UNKNOWN_MISSING_PERSON = _message(
    "unknown_missing_person", "{mp} is not a missing person of any family"
)

# --- Case files (kinship-case/1) --------------------------------------------------
CASE_UNREADABLE = _message("case_unreadable", "{path}: cannot read the case file ({reason})")
CASE_NOT_JSON = _message(
    "case_not_json", "{path}: not a JSON case file (line {line}, column {column}: {reason})"
)
CASE_MISSING_KEY = _message("case_missing_key", "The case file has no {key!r} (needed for {what})")

# --- Familias .fam files ----------------------------------------------------------
FAM_UNEXPECTED_END = _message("fam_unexpected_end", "{path}: unexpected end of file at line {line}")
FAM_EXPECTED = _message("fam_expected", "{path}: line {line}: expected {what}, found {value!r}")
FAM_EXPECTED_LINE = _message("fam_expected_line", "{path}: line {line}: expected {what!r}")
FAM_DVI_SECTION = _message(
    "fam_dvi_section", "{path}: the DVI section of .fam files is not supported"
)
FAM_TWINS = _message("fam_twins", "{path}: line {line}: twins are not supported")
FAM_PRECOMPUTED = _message(
    "fam_precomputed", "{path}: files with precomputed probabilities are not supported"
)
FAM_SILENT_ALLELE = _message(
    "fam_silent_allele", "{path}: locus {locus} has a silent allele: not supported"
)
FAM_MODEL_CODE = _message(
    "fam_model_code",
    "{path}: locus {locus}: mutation model code {model_code} (stationary stepwise) "
    "is not supported",
)
FAM_CONFLICTING_SEX = _message(
    "fam_conflicting_sex", "Conflicting sex for repeated individual {id}"
)
FAM_UNWRITABLE_MODEL = _message(
    "fam_unwritable_model", "Marker {marker}: the {model} model cannot be written to .fam"
)
