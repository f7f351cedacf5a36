"""Pedigrees: individuals with father, mother and sex.

Founders have neither parent; everyone else has both. Validation refuses one
parent only, unknown parents, fathers who are not male, mothers who are not
female, and cycles (someone their own ancestor). Loops (cousin marriages) and
inbreeding are allowed: the likelihood engine handles them exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kinship import errors as E
from kinship.errors import KinshipError

SEXES = ("M", "F", "U")


@dataclass(frozen=True)
class Individual:
    id: str
    father: str | None = None
    mother: str | None = None
    sex: str = "U"

    @property
    def is_founder(self) -> bool:
        return self.father is None


class Pedigree:
    """An immutable, validated pedigree. Iteration order is topological (parents
    before children), stable with respect to the input order."""

    def __init__(self, individuals: Iterable[Individual | dict]):
        inds = [
            i
            if isinstance(i, Individual)
            else Individual(
                id=str(i["id"]),
                father=i.get("father"),
                mother=i.get("mother"),
                sex=i.get("sex") or "U",
            )
            for i in individuals
        ]
        by_id: dict[str, Individual] = {}
        for ind in inds:
            if ind.id in by_id:
                raise KinshipError(E.DUPLICATE_ID, id=ind.id)
            if ind.sex not in SEXES:
                raise KinshipError(E.BAD_SEX, id=ind.id, sex=ind.sex)
            by_id[ind.id] = ind
        for ind in inds:
            if (ind.father is None) != (ind.mother is None):
                raise KinshipError(E.ONE_PARENT, id=ind.id)
            if ind.father is None:
                continue
            for parent, want, msg in (
                (ind.father, "M", E.FATHER_NOT_MALE),
                (ind.mother, "F", E.MOTHER_NOT_FEMALE),
            ):
                if parent == ind.id:
                    raise KinshipError(E.SELF_PARENT, id=ind.id)
                if parent not in by_id:
                    raise KinshipError(E.UNKNOWN_PARENT, parent=parent, id=ind.id)
                if by_id[parent].sex != want:
                    raise KinshipError(msg, parent=parent, id=ind.id)
        self._by_id = by_id
        self._order = self._topological(inds)
        self._ids = [i.id for i in self._order]
        self._children: dict[str, list[str]] = {i.id: [] for i in inds}
        for ind in self._order:
            if ind.father is not None:
                self._children[ind.father].append(ind.id)
                self._children[ind.mother].append(ind.id)  # type: ignore[index]

    @staticmethod
    def _topological(inds: list[Individual]) -> list[Individual]:
        by_id = {i.id: i for i in inds}
        state: dict[str, int] = {}
        order: list[Individual] = []

        def visit(i: Individual, path: list[str]) -> None:
            s = state.get(i.id, 0)
            if s == 2:
                return
            if s == 1:
                cycle = path[path.index(i.id) :] + [i.id]
                raise KinshipError(E.CYCLE, path=" -> ".join(cycle))
            state[i.id] = 1
            for p in (i.father, i.mother):
                if p is not None:
                    visit(by_id[p], [*path, i.id])
            state[i.id] = 2
            order.append(i)

        for ind in inds:
            visit(ind, [])
        return order

    # --- queries --------------------------------------------------------------
    def __iter__(self):
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, id_: str) -> bool:
        return id_ in self._by_id

    def __getitem__(self, id_: str) -> Individual:
        try:
            return self._by_id[id_]
        except KeyError:
            raise KinshipError(E.UNKNOWN_INDIVIDUAL, id=id_) from None

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def founders(self) -> list[str]:
        return [i.id for i in self._order if i.is_founder]

    def nonfounders(self) -> list[str]:
        return [i.id for i in self._order if not i.is_founder]

    def children(self, id_: str) -> list[str]:
        self[id_]
        return list(self._children[id_])

    def parents(self, id_: str) -> tuple[str, str] | None:
        ind = self[id_]
        return None if ind.father is None else (ind.father, ind.mother)  # type: ignore[return-value]

    def descendants(self, id_: str) -> list[str]:
        out: list[str] = []
        stack = list(self.children(id_))
        while stack:
            c = stack.pop()
            if c not in out:
                out.append(c)
                stack.extend(self._children[c])
        return [i for i in self.ids if i in out]

    def ancestors(self, id_: str) -> list[str]:
        out: set[str] = set()
        stack = [id_]
        while stack:
            ind = self[stack.pop()]
            for p in (ind.father, ind.mother):
                if p is not None and p not in out:
                    out.add(p)
                    stack.append(p)
        return [i for i in self.ids if i in out]

    def sex(self, id_: str) -> str:
        return self[id_].sex

    def has_loops(self) -> bool:
        """True when two paths connect some pair of individuals (cousin marriage,
        double first cousins, ...). Undirected cycle test on the marriage graph."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        seen_unions: set[tuple[str, str]] = set()
        for ind in self._order:
            if ind.is_founder:
                continue
            union = (ind.father, ind.mother)  # type: ignore[assignment]
            node = f"U:{union[0]}|{union[1]}"
            edges = [(ind.id, node)]
            if union not in seen_unions:
                seen_unions.add(union)  # type: ignore[arg-type]
                edges += [(union[0], node), (union[1], node)]  # type: ignore[list-item]
            for a, b in edges:
                ra, rb = find(a), find(b)
                if ra == rb:
                    return True
                parent[ra] = rb
        return False

    def with_individuals(self, extra: Sequence[Individual]) -> Pedigree:
        return Pedigree([*self._order, *extra])

    def as_dicts(self) -> list[dict]:
        return [
            {"id": i.id, "father": i.father, "mother": i.mother, "sex": i.sex} for i in self._order
        ]

    def __repr__(self) -> str:
        return f"Pedigree({len(self)} individuals, founders={self.founders()})"

    # --- builders -----------------------------------------------------------
    @classmethod
    def nuclear(
        cls,
        n_children: int = 1,
        *,
        father: str = "FA",
        mother: str = "MO",
        children: Sequence[tuple[str, str]] | None = None,
    ) -> Pedigree:
        """Father, mother and children; ``children`` as (id, sex) pairs."""
        kids = list(children or [(f"C{i + 1}", "M") for i in range(n_children)])
        return cls(
            [
                Individual(father, sex="M"),
                Individual(mother, sex="F"),
                *(Individual(k, father, mother, s) for k, s in kids),
            ]
        )

    @classmethod
    def parent_child(
        cls, parent: str = "P", child: str = "C", *, parent_sex: str = "M", child_sex: str = "M"
    ) -> Pedigree:
        """A parent, the other (untyped) parent ``OP``, and their child."""
        other = Individual("OP", sex="F" if parent_sex == "M" else "M")
        p = Individual(parent, sex=parent_sex)
        fa, mo = (p, other) if parent_sex == "M" else (other, p)
        return cls([p, other, Individual(child, fa.id, mo.id, child_sex)])

    @classmethod
    def full_siblings(cls, ids: Sequence[tuple[str, str]]) -> Pedigree:
        return cls.nuclear(children=ids)

    @classmethod
    def half_siblings(
        cls, a: tuple[str, str], b: tuple[str, str], *, paternal: bool = True
    ) -> Pedigree:
        if paternal:
            inds = [
                Individual("FA", sex="M"),
                Individual("MO1", sex="F"),
                Individual("MO2", sex="F"),
                Individual(a[0], "FA", "MO1", a[1]),
                Individual(b[0], "FA", "MO2", b[1]),
            ]
        else:
            inds = [
                Individual("FA1", sex="M"),
                Individual("FA2", sex="M"),
                Individual("MO", sex="F"),
                Individual(a[0], "FA1", "MO", a[1]),
                Individual(b[0], "FA2", "MO", b[1]),
            ]
        return cls(inds)
