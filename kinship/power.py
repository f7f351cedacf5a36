"""Reference power: how well a family's references can identify its missing person,
and which additional relative would help most.

For a family with its current references (typed relatives) and its MP:

* **If a PM sample (remains) is the MP** (H1): the MP's genotype at each marker is drawn from
  its exact conditional distribution given the references, P(MP = g | references)
  (the normalised joint genotype table, ``likelihood.genotype_table``), markers
  independently; the LR of each draw is read from the same table,
  LR(g) = P(data, MP = g) / (L(family) · P_HW(g)). Reported: the distribution of
  log10 LR and the probability that the LR reaches a threshold (an identification).
* **If the PM sample is unrelated** (H2): a genotype drawn from Hardy–Weinberg is
  excluded when some marker's LR is 0. The exclusion probability is exact:
  1 − Π_m (1 − Σ_g P_HW(g) · 1[LR_m(g) = 0]) (the mutation models as given: with
  mutation nothing is ever strictly excluded).
* **An additional relative** R (e.g. "a second full sibling", "the mother"): R's
  genotype is drawn from P(R | references); then, for every draw at once (one batched
  elimination per marker with R's alleles as per-replicate slots), the MP's genotype
  from P(MP | references, R) and the LR against the family with R added. Candidates
  are ranked by the probability of identification, then by the mean log10 LR.

Simulation error: each probability is a binomial proportion over ``n_sims`` draws
(standard error ≤ 0.5/√n_sims). Reproducible through ``seed``.

Pedsuite counterparts: forrel ``missingPersonIP`` (the H1 part: P(LR ≥ threshold)),
``missingPersonEP`` (the exact exclusion probability) and ``MPPsims`` (both, for the
current references and for each additional donor, as ``rank_additional_relatives``).
The names here describe the combined result (one ``PowerResult``), which no single
forrel function returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kinship.likelihood import Evidence, Obs, build_factors, eliminate, genotype_table
from kinship.lr import hw_mass
from kinship.markers import MISSING, Marker
from kinship.pedigree import Individual, Pedigree
from kinship.provenance import provenance

#: The LR a simulated identification must reach: 10⁴, the threshold of dvir's
#: undisputed matches and of common DVI practice.
DEFAULT_LR_THRESHOLD = 1e4
#: Draws per estimate: standard error ≤ 0.5/√1000 ≈ 0.016 on each probability.
DEFAULT_SIMS = 1000
#: Draws per candidate when ranking several (ranking needs less precision).
DEFAULT_CANDIDATE_SIMS = 500
#: Quantiles of log10 LR reported (5 %, median, 95 %).
QUANTILES = (0.05, 0.5, 0.95)
#: Stand-in for log10 LR = −inf (an exclusion) inside ``np.quantile``, which would
#: otherwise return NaN when interpolating next to −inf.
EXCLUDED_LOG10 = -1e300


@dataclass
class PowerResult:
    label: str
    n_sims: int
    lr_threshold: float
    p_identification: float  # P(LR ≥ threshold | the PM sample is the MP)
    mean_log10_lr: float  # over the H1 draws (−inf draws count as such)
    quantiles_log10_lr: dict[str, float]  # 5 %, 50 %, 95 %
    p_exclusion_unrelated: float | None  # exact; None for a candidate (not computed)
    provenance: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "n_sims": self.n_sims,
            "lr_threshold": self.lr_threshold,
            "p_identification": self.p_identification,
            "mean_log10_lr": self.mean_log10_lr,
            "quantiles_log10_lr": self.quantiles_log10_lr,
            "p_exclusion_unrelated": self.p_exclusion_unrelated,
            "provenance": self.provenance,
        }


@dataclass(frozen=True)
class Candidate:
    """An additional relative: new individuals to add (possibly none, when an existing
    untyped member is to be typed) and the one who would give a sample."""

    label: str
    donor: str
    new: tuple[Individual, ...] = ()


def suggest_candidates(ped: Pedigree, missing: str, typed: Sequence[str]) -> list[Candidate]:
    """Typical next donors: each untyped parent, child or sibling of the MP already in
    the pedigree; a new full sibling (when the MP's parents are in the pedigree); a new
    child of the MP with an untyped partner."""
    out: list[Candidate] = []
    parents = ped.parents(missing)
    relatives: list[tuple[str, str]] = []
    if parents:
        relatives += [("the father", parents[0]), ("the mother", parents[1])]
        sibs = [c for c in ped.children(parents[0]) if c != missing and ped.parents(c) == parents]
        relatives += [(f"sibling {s}", s) for s in sibs]
    relatives += [(f"child {c}", c) for c in ped.children(missing)]
    for label, who in relatives:
        if who not in typed:
            out.append(Candidate(f"{label} ({who})", who))
    if parents:
        sid = _fresh(ped, "NEW_SIB")
        out.append(
            Candidate("a new full sibling", sid, (Individual(sid, parents[0], parents[1], "F"),))
        )
    partner = _fresh(ped, "NEW_PARTNER")
    child = _fresh(ped, "NEW_CHILD")
    sex = ped.sex(missing)
    if sex in ("M", "F"):
        fa, mo = (missing, partner) if sex == "M" else (partner, missing)
        out.append(
            Candidate(
                "a new child",
                child,
                (
                    Individual(partner, sex="F" if sex == "M" else "M"),
                    Individual(child, fa, mo, "F"),
                ),
            )
        )
    return out


def _fresh(ped: Pedigree, base: str) -> str:
    k = 1
    while f"{base}{k}" in ped:
        k += 1
    return f"{base}{k}"


def _sample_sorted(rng: np.random.Generator, table: np.ndarray, count: int) -> np.ndarray:
    """Draw ordered genotypes from a (B or 1, n, n) or (…, n) table; return sorted
    allele pairs (count, 2) or (count, 1)."""
    flat = table.reshape(table.shape[0], -1)
    probs = flat / flat.sum(axis=1, keepdims=True)
    cdf = np.cumsum(probs, axis=1)
    cdf[:, -1] = 1.0
    u = rng.random(count)[:, None]
    rows = cdf if cdf.shape[0] == count else np.broadcast_to(cdf, (count, cdf.shape[1]))
    k = (rows < u).sum(axis=1)
    if table.ndim == 2:
        return k[:, None]
    n = table.shape[-1]
    return np.sort(np.stack([k // n, k % n], axis=1), axis=1)


def _log10_lr(
    table: np.ndarray, lik: np.ndarray, g: np.ndarray, m: Marker, hemizygous: bool
) -> np.ndarray:
    """log10 LR per replicate; table (B or 1, n, n) or (B or 1, n)."""
    b = g.shape[0]
    idx = np.arange(b) if table.shape[0] == b else np.zeros(b, dtype=int)
    if table.ndim == 2:
        num = table[idx, g[:, 0]]
        den = lik * m.afreq[g[:, 0]]
    else:
        a, c = g[:, 0], g[:, 1]
        num = np.where(a == c, table[idx, a, c], table[idx, a, c] + table[idx, c, a])
        hw = np.where(a == c, m.afreq[a] ** 2, 2 * m.afreq[a] * m.afreq[c])
        den = lik * hw
    with np.errstate(divide="ignore"):
        return np.log10(num / den)


def _summary(
    label: str, log10: np.ndarray, threshold: float, p_excl: float | None, markers: Sequence[Marker]
) -> PowerResult:
    finite = np.where(np.isfinite(log10), log10, -np.inf)
    q = np.quantile(np.where(np.isfinite(finite), finite, EXCLUDED_LOG10), QUANTILES)
    return PowerResult(
        label=label,
        n_sims=len(log10),
        lr_threshold=threshold,
        p_identification=float(np.mean(finite >= np.log10(threshold))),
        mean_log10_lr=float(np.mean(finite)),
        quantiles_log10_lr={"5%": float(q[0]), "50%": float(q[1]), "95%": float(q[2])},
        p_exclusion_unrelated=p_excl,
        provenance=provenance(markers, lr_threshold=threshold),
    )


def reference_power(
    ped: Pedigree,
    missing: str,
    genotypes: Mapping[str, Mapping[str, Obs]],
    markers: Sequence[Marker],
    *,
    n_sims: int = DEFAULT_SIMS,
    lr_threshold: float = DEFAULT_LR_THRESHOLD,
    seed: int = 1,
    label: str = "current references",
) -> PowerResult:
    """The identification power of the current references (see module docstring)."""
    rng = np.random.default_rng(seed)
    total = np.zeros(n_sims)
    p_not_excluded = 1.0
    for m in markers:
        g = {i: gm[m.name] for i, gm in genotypes.items() if m.name in gm and i != missing}
        table = genotype_table(ped, m, g, missing)
        lik = float(table.sum())
        hemi = m.is_x and ped.sex(missing) == "M"
        draws = _sample_sorted(rng, table[None], n_sims)
        total += _log10_lr(table[None], np.array(lik), draws, m, hemi)
        # exact exclusion probability for an unrelated person at this marker
        n = m.n_alleles
        if hemi:
            excl = sum(m.afreq[a] for a in range(n) if table[a] == 0)
        else:
            excl = sum(
                hw_mass(m.afreq, (a, b), False)
                for a in range(n)
                for b in range(a, n)
                if table[a, b] + table[b, a] == 0
            )
        p_not_excluded *= 1 - excl
    return _summary(label, total, lr_threshold, 1 - p_not_excluded, markers)


def candidate_power(
    ped: Pedigree,
    missing: str,
    genotypes: Mapping[str, Mapping[str, Obs]],
    markers: Sequence[Marker],
    candidate: Candidate,
    *,
    n_sims: int = DEFAULT_SIMS,
    lr_threshold: float = DEFAULT_LR_THRESHOLD,
    seed: int = 1,
) -> PowerResult:
    """The power if ``candidate`` gave a reference sample (see module docstring)."""
    rng = np.random.default_rng(seed)
    aug = ped.with_individuals(list(candidate.new)) if candidate.new else ped
    donor = candidate.donor
    total = np.zeros(n_sims)
    for m in markers:
        g = {
            i: gm[m.name]
            for i, gm in genotypes.items()
            if m.name in gm and i not in (missing, donor)
        }
        donor_table = genotype_table(aug, m, g, donor)
        donor_draws = _sample_sorted(rng, donor_table[None], n_sims)
        hemi_donor = m.is_x and aug.sex(donor) == "M"
        slots = donor_draws[:, :1] if hemi_donor else donor_draws
        ev = Evidence(dict(g), {}, {donor: slots.astype(np.int64)})
        factors, sizes, kept, domains = build_factors(aug, m, ev, keep=[missing])
        table = eliminate(factors, sizes, kept)
        full = np.zeros((table.shape[0],) + (m.n_alleles,) * len(kept))
        index = np.ix_(*[domains[v][0] for v in kept])
        full[(slice(None), *index)] = table
        lik = full.reshape(len(full), -1).sum(axis=1)
        mp_draws = _sample_sorted(rng, full, n_sims)
        hemi = m.is_x and aug.sex(missing) == "M"
        total += _log10_lr(full, lik, mp_draws, m, hemi)
    return _summary(candidate.label, total, lr_threshold, None, markers)


def rank_additional_relatives(
    ped: Pedigree,
    missing: str,
    genotypes: Mapping[str, Mapping[str, Obs]],
    markers: Sequence[Marker],
    *,
    candidates: Sequence[Candidate] | None = None,
    n_sims: int = DEFAULT_CANDIDATE_SIMS,
    lr_threshold: float = DEFAULT_LR_THRESHOLD,
    seed: int = 1,
) -> list[PowerResult]:
    """Each candidate's power, best first (probability of identification, then mean
    log10 LR)."""
    typed = [
        i for i, g in genotypes.items() if any(any(a != MISSING for a in o) for o in g.values())
    ]
    cands = list(candidates) if candidates is not None else suggest_candidates(ped, missing, typed)
    results = [
        candidate_power(
            ped,
            missing,
            genotypes,
            markers,
            c,
            n_sims=n_sims,
            lr_threshold=lr_threshold,
            seed=seed + k,
        )
        for k, c in enumerate(cands)
    ]
    return sorted(results, key=lambda r: (-r.p_identification, -r.mean_log10_lr))
