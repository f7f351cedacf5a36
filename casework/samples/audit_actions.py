"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "samples.pedigree.create": _("Family pedigree started"),
        "samples.pedigree.member_add": _("Pedigree member added"),
        "samples.sample.register": _("Reference sample registered"),
        "samples.custody.transfer": _("Custody step recorded"),
        "samples.consent.withdraw": _("Consent withdrawn; profile destroyed"),
        "samples.bulk.register": _("Pedigrees, donors and samples registered in bulk"),
    }
)

# Reads of sensitive records: the only audit entries a GET may write.
register_audit_actions(
    {
        "samples.pedigree.view": _("Family pedigree opened"),
    },
    reads=True,
)
