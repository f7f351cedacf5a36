from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ row|get_item:"field" }}`` for dict rows."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
