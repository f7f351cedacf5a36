"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "antemortem.record.save": _("Ante-mortem record saved"),
        "antemortem.photo.add": _("Ante-mortem photograph added"),
    }
)

# Reads of sensitive records: the only audit entries a GET may write.
register_audit_actions(
    {
        "antemortem.record.view": _("Ante-mortem record opened"),
        "antemortem.photo.view": _("Ante-mortem photograph viewed"),
    },
    reads=True,
)
