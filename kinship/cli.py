"""``python -m kinship``: compute from a case file (kinship-case/1) and print JSON.

python -m kinship lr CASE.json
python -m kinship likelihood CASE.json
python -m kinship dvi CASE.json
python -m kinship dvi --pairwise [--ignore-sex] CASE.json

Invalid input (an unreadable or malformed case file, an invalid allele, pedigree or
model) prints one line ``error: <message>`` on stderr, the message being the
``kinship.errors`` constant, and exits with status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from kinship.dvi import DVIData, build_tables, find_undisputed, joint_dvi, pairwise_lr
from kinship.errors import KinshipError
from kinship.io.case import Case, load_case
from kinship.likelihood import likelihood
from kinship.lr import missing_person_lr
from kinship.provenance import provenance

#: Exit status for invalid input (argparse uses 2 for usage errors too).
EXIT_INVALID_INPUT = 2


def _clean(x: Any) -> Any:
    """JSON with null for non-finite numbers (as in the case format)."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    if hasattr(x, "item") and not isinstance(x, str):
        return _clean(x.item())
    return x


def run_lr(case: Case) -> dict:
    poi = case.raw["poi"]["id"]
    fam = {k: v for k, v in case.genotypes.items() if k != poi}
    res = missing_person_lr(
        case.require_pedigree(),
        case.raw["missing_person"],
        case.genotypes.get(poi, {}),
        case.markers,
        fam,
        theta=case.theta,
        founder_inbreeding=case.founder_inbreeding,
    )
    d = res.as_dict()
    return {
        "lr_total": d["lr_total"],
        "log10_lr_total": d["log10_lr_total"],
        "excluded": d["excluded"],
        "per_marker": [
            {
                k: m[k]
                for k in ("marker", "lr", "log10_lr", "lik_H1", "lik_H2", "lik_family", "lik_poi")
            }
            for m in d["per_marker"]
        ],
        "provenance": d["provenance"],
    }


def run_likelihood(case: Case) -> dict:
    return likelihood(
        case.require_pedigree(),
        case.markers,
        case.genotypes,
        theta=case.theta,
        founder_inbreeding=case.founder_inbreeding,
    ).as_dict()


def run_dvi(case: Case, *, pairwise_only: bool, ignore_sex: bool) -> dict:
    dvi = DVIData.from_case(case)
    tables = build_tables(dvi)
    if pairwise_only:
        return {
            "pairwiseLR": pairwise_lr(dvi, ignore_sex=ignore_sex, tables=tables).as_dict(),
            "provenance": provenance(dvi.markers, ignore_sex=ignore_sex),
        }
    out: dict[str, Any] = {
        "pairwiseLR": pairwise_lr(dvi, tables=tables).as_dict(),
        "pairwiseLR_ignoreSex": pairwise_lr(dvi, ignore_sex=True, tables=tables).as_dict(),
        "findUndisputed": {"summary": [u.as_dict() for u in find_undisputed(dvi)]},
    }
    try:
        joint = joint_dvi(dvi)
    except KinshipError as exc:  # TOO_MANY_ASSIGNMENTS: report, keep the rest
        out["jointDVI"] = {"skipped": exc.message}
    else:
        out["jointDVI"] = {
            "n_rows": len(joint.assignments),
            "top": joint.top(50),
            "posterior_pairing_probabilities": joint.posterior_pairing(dvi.missing).as_dict(),
        }
    out["provenance"] = provenance(dvi.markers, prior="flat over the assignments evaluated")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kinship",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("lr", "likelihood"):
        p = sub.add_parser(name)
        p.add_argument("case")
    p = sub.add_parser("dvi")
    p.add_argument("case")
    p.add_argument("--pairwise", action="store_true", help="only the pairwise LR matrix")
    p.add_argument("--ignore-sex", action="store_true", help="consider every pairing")
    args = parser.parse_args(argv)
    try:
        case = load_case(args.case)
        if args.command == "lr":
            result = run_lr(case)
        elif args.command == "likelihood":
            result = run_likelihood(case)
        else:
            result = run_dvi(case, pairwise_only=args.pairwise, ignore_sex=args.ignore_sex)
    except KinshipError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    json.dump(_clean(result), sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")
    return 0
