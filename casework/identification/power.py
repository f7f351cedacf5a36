"""Reference power of a family, through the kinship engine (``kinship.power``):
how likely an identification is with the references it has, and which additional
relative would raise it most."""

from __future__ import annotations

from casework.identification.decisions import posterior_threshold
from casework.identification.frequencies import (
    DEFAULT_MUTATION,
    active_frequency_table,
    table_markers,
)
from casework.samples.models import DNAProfile, FamilyPedigree, ReferenceSample
from casework.samples.selectors import current_profiles
from casework.samples.services import kinship_pedigree
from kinship.power import PowerResult, rank_additional_relatives, reference_power


def family_power(
    ped: FamilyPedigree,
    *,
    n_sims: int = 200,
) -> tuple[PowerResult | None, list[PowerResult], float]:
    """(current power, ranked candidates, LR threshold). The LR threshold is the LR
    that reaches the posterior threshold with prior 1/number of families."""
    refs = current_profiles(DNAProfile.Kind.REFERENCE)
    samples = ReferenceSample.objects.filter(
        member__pedigree=ped, status=ReferenceSample.Status.ACTIVE
    )
    typed = {
        s.member.label: refs[s.barcode].genotypes
        for s in samples.select_related("member")
        if s.barcode in refs
    }
    table = active_frequency_table()
    names = sorted({m for g in typed.values() for m in g}, key=list(table.data).index)
    n_families = max(1, FamilyPedigree.objects.count())
    t = posterior_threshold()
    prior = 1 / n_families
    lr_threshold = t / (1 - t) * (1 - prior) / prior
    if not names:
        return None, [], lr_threshold
    markers = table_markers(table, DEFAULT_MUTATION, names)
    kp = kinship_pedigree(ped)
    by_name = {m.name: m for m in markers}
    geno = {
        label: {k: by_name[k].parse(v, who=label) for k, v in g.items() if k in by_name}
        for label, g in typed.items()
    }
    mp = next(m.label for m in ped.members.all() if m.is_missing)
    current = reference_power(kp, mp, geno, markers, n_sims=n_sims, lr_threshold=lr_threshold)
    ranked = rank_additional_relatives(
        kp, mp, geno, markers, n_sims=n_sims, lr_threshold=lr_threshold
    )
    return current, ranked, lr_threshold
