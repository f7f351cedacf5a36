"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "antemortem.record.view": _("Ante-mortem record opened"),
        "antemortem.record.save": _("Ante-mortem record saved"),
        "antemortem.photo.view": _("Ante-mortem photograph viewed"),
        "antemortem.photo.add": _("Ante-mortem photograph added"),
        "samples.sample.register": _("Reference sample registered"),
        "samples.pedigree.view": _("Family pedigree opened"),
        "samples.pedigree.member_add": _("Pedigree member added"),
        "samples.pedigree.create": _("Family pedigree created"),
        "samples.custody.transfer": _("Custody step recorded"),
        "samples.consent.withdraw": _("Consent withdrawn; profile destroyed"),
    }
)
