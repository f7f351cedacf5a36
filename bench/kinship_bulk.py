"""Benchmark: shared/kinship/bulk/bulk_pc100.json — 100 remains × 100 parent–child
families, 21 STRs, stepwise mutation. Prints the computation time of the full matrix,
the end-to-end CLI time (process start included) and the agreement with R.

    .venv/bin/python bench/kinship_bulk.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np
from _common import SHARED, machine, summary, timeit

from kinship.dvi import DVIData, pairwise_lr
from kinship.io.case import load_case

PATH = SHARED / "kinship" / "bulk" / "bulk_pc100.json"


def main() -> None:
    print(f"machine: {machine()}")
    case = load_case(PATH)
    dvi = DVIData.from_case(case)
    expected = np.array(
        [
            [np.nan if x is None else x for x in row]
            for row in case.raw["expected"]["pairwiseLR"]["values"]
        ]
    )
    result = pairwise_lr(dvi, ignore_sex=True)  # warm-up
    times = timeit(lambda: pairwise_lr(dvi, ignore_sex=True), 20)
    nz = expected != 0
    rel = np.max(np.abs(result.values[nz] - expected[nz]) / np.abs(expected[nz]))
    zeros_equal = bool(np.array_equal(result.values == 0, expected == 0))
    print(f"100x100 matrix, computation: {summary(times)}")
    print(f"agreement with R: max relative error {rel:.2e}; exclusions identical: {zeros_equal}")
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kinship", "dvi", "--pairwise", "--ignore-sex", str(PATH)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        runs.append(time.perf_counter() - t)
    print(f"python -m kinship dvi --pairwise --ignore-sex, end to end: {summary(runs)}")
    r_seconds = 73.0
    print(
        f"speed-up vs R dvir::pairwiseLR (~{r_seconds:.0f} s): "
        f"{r_seconds / min(runs):.0f}x end to end, {r_seconds / min(times):.0f}x computation"
    )
    json.dumps({})


if __name__ == "__main__":
    main()
