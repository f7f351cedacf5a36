"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "detention.visit.record": _("Visit recorded"),
        "detention.visit.bulk_record": _("Visits recorded in bulk"),
        "detention.submission.add": _("Dossier submission recorded"),
        "detention.recommendation.follow_up": _("Recommendation follow-up recorded"),
        "detention.proceeding.update": _("Proceeding updated"),
        "detention.proceeding.add": _("Proceeding added"),
        "detention.place.create": _("Place of detention created"),
        "detention.notification.record": _("Notification recorded"),
        "detention.hearing.add": _("Hearing added"),
        "detention.evidence.custody": _("Evidence custody step recorded"),
        "detention.evidence.add": _("Evidence added to a dossier"),
        "detention.dossier.create": _("Dossier opened"),
        "detention.detainee.transfer": _("Detainee transferred"),
        "detention.detainee.register": _("Detainee registered"),
        "detention.detainee.bulk_register": _("Detainees registered in bulk"),
        "detention.contact.record": _("Family contact recorded"),
        "detention.contact.bulk_record": _("Family contacts recorded in bulk"),
        "detention.consular.update": _("Consular request updated"),
        "detention.consular.request": _("Consular access requested"),
        "detention.release": _("Detainee released"),
        "detention.transfer": _("Detainee transferred to another party"),
        "detention.repatriation": _("Detainee repatriated"),
    }
)

# Reads of sensitive records: the only entries a GET of a detention page writes.
register_audit_actions(
    {
        "detention.detainee.view": _("Detainee record opened"),
        "detention.visit.view": _("Visit opened"),
        "detention.dossier.view": _("Enforced-disappearance dossier opened"),
        "detention.report.monthly": _("Monthly detention report produced"),
    },
    reads=True,
)
