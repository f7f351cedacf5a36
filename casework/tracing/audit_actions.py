"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "tracing.request.open": _("Tracing request opened"),
        "tracing.request.bulk_open": _("Tracing requests opened in bulk"),
        "tracing.import": _("Tracing requests imported"),
        "tracing.event.create": _("Event created"),
        "tracing.case.update": _("Case details changed"),
        "tracing.case.open": _("Case opened for a sought person"),
        "tracing.case.status": _("Case status changed"),
        "tracing.case.close": _("Case closed"),
        "tracing.case.merge_undo": _("Merge of a case undone"),
        "tracing.outcome_evidence.record": _("Evidence of an outcome recorded"),
        "tracing.outcome_evidence.review": _("Evidence of an outcome reviewed"),
        "tracing.edition.create": _("List edition frozen"),
        "tracing.edition.response": _("Authority response recorded"),
    }
)
register_audit_actions(
    {
        "tracing.case.view": _("Case opened"),
        "tracing.edition.view": _("List edition opened"),
        "tracing.edition.export": _("List edition exported"),
        "tracing.edition.diff": _("List editions compared"),
    },
    reads=True,
)
