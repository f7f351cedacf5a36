"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "identification.run.create": _("Matching run started"),
        "identification.run.finish": _("Matching run finished"),
        "identification.propose": _("Identification proposed"),
        "identification.reject": _("Identification proposal rejected"),
        "identification.confirm": _("Identification confirmed"),
        "identification.notified": _("Family notified of the identification"),
        "identification.handed_over": _("Remains handed over to the family"),
        "identification.profiles.import": _("DNA profiles imported"),
        "identification.frequencies.import": _("Allele frequency table imported"),
        "identification.profiles.replace": _("DNA profile replaced (reason recorded)"),
    }
)

# Reads of sensitive records: the only audit entries a GET may write.
register_audit_actions(
    {
        "identification.view": _("Identification opened"),
        "identification.report": _("Identification report produced"),
        "identification.remains.view": _("Remains' candidates opened"),
        "identification.run.view": _("Matching run opened"),
        "identification.candidates.view": _("Candidate list read"),
        "identification.overview.view": _("Identification overview opened"),
    },
    reads=True,
)
