"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "remains.site.register": _("Recovery site registered"),
        "remains.register": _("Remains registered"),
    }
)
