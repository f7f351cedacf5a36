"""Benchmark: mass search of 10,000 remains × 10,000 families (1–3 typed references
each, 23 STRs with Norwegian frequencies and stepwise mutation) on this machine,
with bounded memory; compared with the floor, a plain NumPy gather-and-sum over
precomputed tables of the same shape.

    .venv/bin/python bench/kinship_scale.py [--families 10000] [--victims 10000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _common import machine, peak_rss_mb
from kinship_single_lr import norwegian_markers

from kinship.dvi import DVIData, Family, LogLRTables, _marker_offsets, mass_search
from kinship.pedigree import Individual, Pedigree
from kinship.simulate import profile_sim_many

SHAPES = {  # name: (individuals, typed references)
    "parent-child": (
        [("FA", None, None, "M"), ("MO", None, None, "F"), ("MP", "FA", "MO", "?")],
        ["FA"],
    ),
    "sibling": (
        [
            ("FA", None, None, "M"),
            ("MO", None, None, "F"),
            ("MP", "FA", "MO", "?"),
            ("S1", "FA", "MO", "F"),
        ],
        ["S1"],
    ),
    "both-parents": (
        [("FA", None, None, "M"), ("MO", None, None, "F"), ("MP", "FA", "MO", "?")],
        ["FA", "MO"],
    ),
    "parent-sibling": (
        [
            ("FA", None, None, "M"),
            ("MO", None, None, "F"),
            ("MP", "FA", "MO", "?"),
            ("S1", "FA", "MO", "M"),
        ],
        ["MO", "S1"],
    ),
    "two-siblings": (
        [
            ("FA", None, None, "M"),
            ("MO", None, None, "F"),
            ("MP", "FA", "MO", "?"),
            ("S1", "FA", "MO", "F"),
            ("S2", "FA", "MO", "M"),
        ],
        ["S1", "S2"],
    ),
    "trio-sibling": (
        [
            ("FA", None, None, "M"),
            ("MO", None, None, "F"),
            ("MP", "FA", "MO", "?"),
            ("S1", "FA", "MO", "F"),
        ],
        ["FA", "MO", "S1"],
    ),
}


def build(n_fam: int, n_vic: int, n_markers: int, seed: int = 11):
    rng = np.random.default_rng(seed)
    markers = norwegian_markers(n_markers)
    names = list(SHAPES)
    shape_of = rng.integers(0, len(names), n_fam)
    sex_of = rng.choice(["M", "F"], n_fam)
    families: list[Family] = []
    true_mp_geno: list[dict] = []
    for s, name in enumerate(names):
        for sex in ("M", "F"):
            idx = np.flatnonzero((shape_of == s) & (sex_of == sex))
            if idx.size == 0:
                continue
            inds, refs = SHAPES[name]
            template = Pedigree(
                [Individual(i, f, m, sex if x == "?" else x) for i, f, m, x in inds]
            )
            sims = profile_sim_many(template, markers, rng, idx.size)
            for k, fam_i in enumerate(idx):
                pre = f"F{fam_i:05d}_"
                ped = Pedigree(
                    [
                        Individual(pre + i, f and pre + f, m and pre + m, sex if x == "?" else x)
                        for i, f, m, x in inds
                    ]
                )
                geno = {
                    pre + r: {mk.name: tuple(int(a) for a in sims[r][mk.name][k]) for mk in markers}
                    for r in refs
                }
                families.append(Family(pre[:-1], ped, [pre + "MP"], geno))
                true_mp_geno.append(
                    {mk.name: tuple(int(a) for a in sims["MP"][mk.name][k]) for mk in markers}
                )
    # Remains: half are missing persons (some degraded: markers dropped), half unrelated.
    victims, v_sex, v_geno, truth = [], {}, {}, {}
    unrelated = profile_sim_many(Pedigree([Individual("U", sex="M")]), markers, rng, n_vic)
    picks = rng.choice(len(families), n_vic // 2, replace=False)
    for k in range(n_vic):
        vid = f"R{k:05d}"
        victims.append(vid)
        if k < len(picks):
            fam = families[picks[k]]
            g = dict(true_mp_geno[picks[k]])
            if rng.random() < 0.2:  # degraded
                for mk in rng.choice(markers, 6, replace=False):
                    g.pop(mk.name, None)
            v_geno[vid] = g
            v_sex[vid] = fam.pedigree.sex(fam.missing[0])
            truth[vid] = fam.missing[0]
        else:
            v_geno[vid] = {
                mk.name: tuple(int(a) for a in unrelated["U"][mk.name][k]) for mk in markers
            }
            v_sex[vid] = str(rng.choice(["M", "F"]))
    return DVIData(markers, victims, v_sex, v_geno, families), truth


def floor_time(dvi: DVIData, block: int, n_jobs: int) -> float:
    """The same blocked gather-and-sum over random precomputed tables of the same
    shape: the cost no implementation of this design can avoid."""
    from joblib import Parallel, delayed

    offsets = _marker_offsets(dvi.markers)
    probe = LogLRTables([], list(dvi.markers), offsets, np.empty((0, 0)))
    cols = probe.victim_columns([dvi.victim_genotypes[v] for v in dvi.victims])
    n_cols = int(offsets[-1]) + (
        dvi.markers[-1].n_alleles * (dvi.markers[-1].n_alleles + 1) // 2
        + 2 * dvi.markers[-1].n_alleles
        + 1
    )
    rng = np.random.default_rng(0)
    starts = list(range(0, len(dvi.missing), block))
    tables = {s: rng.standard_normal((n_cols, min(block, len(dvi.missing) - s))) for s in starts}

    def work(s):
        values = tables[s]
        acc = np.zeros((len(dvi.victims), values.shape[1]))
        tmp = np.empty_like(acc)
        for j in range(cols.shape[1]):
            np.take(values, cols[:, j], axis=0, out=tmp)
            np.add(acc, tmp, out=acc)
        return acc[:, :1].sum()

    t = time.perf_counter()
    Parallel(n_jobs=n_jobs, prefer="threads")(delayed(work)(s) for s in starts)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", type=int, default=10_000)
    ap.add_argument("--victims", type=int, default=10_000)
    ap.add_argument("--markers", type=int, default=23)
    ap.add_argument("--block", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    t = time.perf_counter()
    dvi, truth = build(args.families, args.victims, args.markers)
    print(
        f"simulated {len(dvi.families)} families (1–3 references), {len(dvi.victims)} remains, "
        f"{len(dvi.markers)} markers in {time.perf_counter() - t:.1f} s; "
        f"RSS after simulation {peak_rss_mb():.0f} MB"
    )
    t = time.perf_counter()
    res = mass_search(dvi, block=args.block, n_jobs=args.jobs, top_k=10)
    elapsed = time.perf_counter() - t
    print(
        f"mass search {len(dvi.victims)} x {len(dvi.missing)}: {elapsed:.1f} s, "
        f"peak RSS {peak_rss_mb():.0f} MB (block {args.block}, {args.jobs} threads)"
    )
    best = {v: res.mps[res.top_index[i, 0]] for i, v in enumerate(res.victims)}
    hits = sum(best[v] == mp for v, mp in truth.items())
    print(f"true missing person ranked first for {hits}/{len(truth)} related remains")
    ft = floor_time(dvi, args.block, args.jobs)
    print(
        f"floor (gather-and-sum over precomputed tables, same blocks): {ft:.1f} s; "
        f"ratio {elapsed / ft:.2f}x"
    )


if __name__ == "__main__":
    main()
