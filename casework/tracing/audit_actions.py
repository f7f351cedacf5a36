"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "tracing.request.open": _("Tracing request opened"),
        "tracing.import": _("Tracing requests imported"),
        "tracing.event.create": _("Event created"),
        "tracing.case.view": _("Case opened"),
        "tracing.case.update": _("Case details changed"),
        "tracing.case.open": _("Case opened for a sought person"),
        "tracing.case.status": _("Case status changed"),
        "tracing.case.close": _("Case closed"),
        "tracing.edition.create": _("List edition frozen"),
        "tracing.edition.export": _("List edition exported"),
        "tracing.edition.response": _("Authority response recorded"),
    }
)
