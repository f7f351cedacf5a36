"""Benchmark: one remains-vs-family LR with 21 STRs (Norwegian frequencies, stepwise
mutation, sex-specific rates) and three typed references (father, mother, sibling),
the missing person untyped.

    .venv/bin/python bench/kinship_single_lr.py
"""

from __future__ import annotations

import numpy as np
from _common import SHARED, machine, summary, timeit

from kinship.lr import missing_person_lr
from kinship.markers import Marker, read_frequency_csv
from kinship.mutation import MutationModel
from kinship.pedigree import Individual, Pedigree
from kinship.simulate import profile_sim

STEPWISE = {
    "model": "stepwise",
    "rate": {"female": 0.001, "male": 0.003},
    "rate2": 1e-6,
    "range": 0.1,
}


def norwegian_markers(k: int) -> list[Marker]:
    table = read_frequency_csv(str(SHARED / "kinship" / "frequencies" / "norwegian_dupuy2013.csv"))
    out = []
    for name, (alleles, freqs) in list(table.items())[:k]:
        freqs = freqs / freqs.sum()
        out.append(
            Marker(
                name,
                tuple(alleles),
                freqs,
                "autosomal",
                MutationModel.from_spec(STEPWISE, alleles, freqs, name),
            )
        )
    return out


def main() -> None:
    print(f"machine: {machine()}")
    markers = norwegian_markers(21)
    ped = Pedigree(
        [
            Individual("FA", sex="M"),
            Individual("MO", sex="F"),
            Individual("MP", "FA", "MO", "M"),
            Individual("SIB", "FA", "MO", "F"),
        ]
    )
    rng = np.random.default_rng(1)
    sim = profile_sim(ped, markers, rng)
    fam = {i: sim[i] for i in ("FA", "MO", "SIB")}
    poi = sim["MP"]
    res = missing_person_lr(ped, "MP", poi, markers, fam)
    times = timeit(lambda: missing_person_lr(ped, "MP", poi, markers, fam), 50)
    print(
        f"21 markers (n alleles {min(m.n_alleles for m in markers)}–"
        f"{max(m.n_alleles for m in markers)}), 3 references, stepwise: log10 LR = "
        f"{res.log10_lr_total:.3f}"
    )
    print(f"single LR: {summary(times)}")


if __name__ == "__main__":
    main()
