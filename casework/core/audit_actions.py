"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "core.user.create": _("User account created"),
        "demo.load": _("Demo data loaded"),
        "demo.detention.load": _("Demo detention data loaded"),
    }
)

# Reads of sensitive records: the only audit entries a GET may write.
register_audit_actions(
    {
        "core.audit.view": _("Audit log read"),
        "core.audit.verify": _("Audit chain verified"),
    },
    reads=True,
)
