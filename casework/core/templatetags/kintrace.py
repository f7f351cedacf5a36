from django import template

from casework.core.audit import action_label

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ row|get_item:"field" }}`` for dict rows."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def other_spellings(row):
    """The name renderings of an edition row that differ from its main name."""
    main = " ".join(
        x for x in (row.get("family_name"), row.get("given_name"), row.get("patronymic")) if x
    )
    seen, out = {main}, []
    for key in ("name_az", "name_ru", "name_hy", "name_en"):
        value = row.get(key, "")
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return "; ".join(out)


@register.filter
def sci(value):
    """A large number as "1.8 × 10^7" (plain below 10,000)."""
    import math

    try:
        x = float(value)
    except (TypeError, ValueError):
        return ""
    if x <= 0 or not math.isfinite(x):
        return str(value)
    if x < 1e4:
        return f"{x:,.0f}"
    exp = math.floor(math.log10(x))
    return f"{x / 10**exp:.1f} × 10^{exp}"


@register.filter
def audit_action_label(action: str):
    """The readable label of a dotted audit action name."""
    return action_label(action)
