"""Audit actions of this app: dotted name → label (see casework.core.audit)."""

from django.utils.translation import gettext_lazy as _

from casework.core.audit import register_audit_actions

register_audit_actions(
    {
        "persons.person.create": _("Person record created"),
        "persons.person.bulk_create": _("Person records created in bulk"),
        "persons.person.update": _("Person record changed"),
        "persons.document.add": _("Identity document added"),
        "persons.relationship.add": _("Relationship added"),
        "persons.relationship.bulk_add": _("Relationships added in bulk"),
        "persons.place.create": _("Place created"),
    }
)
register_audit_actions({"persons.person.view": _("Person record opened")}, reads=True)
