"""Draw a family pedigree as SVG: squares for males, circles for females, the
missing person outlined in red with a question mark, typed reference donors filled.
Generations are rows (founders on top); parents are joined by a line from which
their children hang."""

from __future__ import annotations

from django.utils.html import escape

from casework.samples.models import FamilyPedigree

W, H, GAP_X, GAP_Y, S = 70, 80, 20, 60, 28


def pedigree_svg(ped: FamilyPedigree, typed_labels: set[str]) -> str:
    members = list(ped.members.all())
    by_id = {m.pk: m for m in members}
    gen: dict[int, int] = {}

    def g(m) -> int:
        if m.pk in gen:
            return gen[m.pk]
        if not m.father_id:
            gen[m.pk] = 0
        else:
            assert m.mother_id is not None
            gen[m.pk] = 1 + max(g(by_id[m.father_id]), g(by_id[m.mother_id]))
        return gen[m.pk]

    for m in members:
        g(m)
    # founders married into a later generation sit on their partner's row
    for m in members:
        if m.father_id and m.mother_id:
            fa, mo = by_id[m.father_id], by_id[m.mother_id]
            row = max(gen[fa.pk], gen[mo.pk])
            gen[fa.pk] = gen[mo.pk] = row
    rows: dict[int, list] = {}
    for m in members:
        rows.setdefault(gen[m.pk], []).append(m)
    pos: dict[int, tuple[float, float]] = {}
    width = max(len(r) for r in rows.values()) * (W + GAP_X) + GAP_X
    for level, ms in sorted(rows.items()):
        offset = (width - len(ms) * (W + GAP_X)) / 2 + GAP_X / 2
        for k, m in enumerate(ms):
            pos[m.pk] = (offset + k * (W + GAP_X) + W / 2, 30 + level * (H + GAP_Y))
    height = (max(rows) + 1) * (H + GAP_Y) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'role="img" aria-label="Family pedigree">'
    ]
    unions = {
        (m.father_id, m.mother_id)
        for m in members
        if m.father_id is not None and m.mother_id is not None
    }
    for fa_id, mo_id in unions:
        (x1, y1), (x2, y2) = pos[fa_id], pos[mo_id]
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#444"/>')
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        for c in members:
            if (c.father_id, c.mother_id) == (fa_id, mo_id):
                cx, cy = pos[c.pk]
                parts.append(
                    f'<polyline points="{mx},{my} {mx},{cy - S - 10} {cx},{cy - S - 10} '
                    f'{cx},{cy - S / 2}" fill="none" stroke="#444"/>'
                )
    for m in members:
        x, y = pos[m.pk]
        fill = "#0b5cad" if m.label in typed_labels else "#fff"
        stroke = "#c00020" if m.is_missing else "#222"
        sw = 3 if m.is_missing else 1.5
        if m.sex == "M":
            shape = (
                f'<rect x="{x - S / 2}" y="{y - S / 2}" width="{S}" height="{S}" '
                f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>'
            )
        else:
            shape = (
                f'<circle cx="{x}" cy="{y}" r="{S / 2}" fill="{fill}" stroke="{stroke}" '
                f'stroke-width="{sw}"/>'
            )
        parts.append(shape)
        if m.is_missing:
            parts.append(
                f'<text x="{x}" y="{y + 6}" text-anchor="middle" font-size="18" '
                f'fill="#c00020">?</text>'
            )
        parts.append(
            f'<text x="{x}" y="{y + S / 2 + 16}" text-anchor="middle" font-size="12">'
            f"{escape(m.label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
