"""Naive reference implementation: brute-force enumeration of every assignment of
ordered genotypes (autosomal) or alleles (X males) to every individual. Exponential;
for tiny pedigrees only. Independent of kinship.likelihood by construction (it uses
no elimination, no pruning, no lumping, no simple-founder reduction)."""

from __future__ import annotations

import itertools

import numpy as np

from kinship.markers import MISSING


def _states(n: int, hemizygous: bool):
    if hemizygous:
        return [(a,) for a in range(n)]
    return list(itertools.product(range(n), range(n)))


def _matches(state, obs) -> bool:
    if obs is None:
        return True
    if len(state) == 1:
        return obs[0] == MISSING or state[0] == obs[0]
    p, m = state
    if len(obs) == 1:
        return obs[0] in (p, m)
    a, b = obs
    if a == MISSING and b == MISSING:
        return True
    if b == MISSING:
        return a in (p, m)
    return sorted((p, m)) == sorted((a, b))


def naive_likelihood(ped, marker, genotypes, *, theta=0.0, founder_inbreeding=None):
    finb = founder_inbreeding or {}
    n = marker.n_alleles
    p = marker.afreq
    mats = marker.matrices()
    mf, mm = mats if mats is not None else (np.eye(n), np.eye(n))
    x = marker.is_x
    ids = ped.ids
    hemi = {i: x and ped.sex(i) == "M" for i in ids}
    spaces = [_states(n, hemi[i]) for i in ids]
    total = 0.0
    for combo in itertools.product(*spaces):
        st = dict(zip(ids, combo, strict=True))
        if not all(_matches(st[i], genotypes.get(i)) for i in ids):
            continue
        prob = 1.0
        founder_alleles = []
        for i in ids:
            ind = ped[i]
            s = st[i]
            if ind.is_founder:
                founder_alleles.extend(s)
                if theta == 0:
                    if len(s) == 1:
                        prob *= p[s[0]]
                    else:
                        f = finb.get(i, 0.0)
                        prob *= (1 - f) * p[s[0]] * p[s[1]] + f * p[s[0]] * (s[0] == s[1])
                continue
            fa, mo = st[ind.father], st[ind.mother]
            # maternal allele
            prob *= 0.5 * (mf[mo[0], s[-1]] + mf[mo[1], s[-1]])
            if len(s) == 2:  # paternal allele (absent for an X male)
                if x:
                    prob *= mm[fa[0], s[0]]
                else:
                    prob *= 0.5 * (mm[fa[0], s[0]] + mm[fa[1], s[0]])
            if prob == 0:
                break
        if theta > 0 and prob > 0:
            counts: dict[int, int] = {}
            for j, a in enumerate(founder_alleles, start=1):
                prob *= (counts.get(a, 0) * theta + (1 - theta) * p[a]) / (1 + (j - 2) * theta)
                counts[a] = counts.get(a, 0) + 1
        total += prob
    return total
