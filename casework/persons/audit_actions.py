"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "persons.person.view": _("Person record opened"),
        "persons.person.create": _("Person record created"),
        "persons.person.update": _("Person record changed"),
        "persons.document.add": _("Identity document added"),
        "persons.relationship.add": _("Relationship added"),
        "persons.place.create": _("Place created"),
    }
)
