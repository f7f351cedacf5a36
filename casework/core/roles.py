"""The roles Kintrace ships with and the permissions each holds.

Roles are Django groups; a migration seeds them from this table (and re-running it
is harmless). Permissions are ``app_label.codename``.
"""

from __future__ import annotations

ADMINISTRATOR = "administrator"
TRACING_OFFICER = "tracing officer"
FORENSIC_SPECIALIST = "forensic specialist"
DETENTION_DELEGATE = "detention delegate"
ACCOMPANIMENT_OFFICER = "accompaniment officer"
DATA_PROTECTION_OFFICER = "data protection officer"
PARTNER = "partner"

ALL_ROLES = [
    ADMINISTRATOR,
    TRACING_OFFICER,
    FORENSIC_SPECIALIST,
    DETENTION_DELEGATE,
    ACCOMPANIMENT_OFFICER,
    DATA_PROTECTION_OFFICER,
    PARTNER,
]

VIEW_REGISTRY = ["persons.view_person", "tracing.view_case", "tracing.view_tracingrequest"]
EDIT_REGISTRY = [
    "persons.add_person",
    "persons.change_person",
    "tracing.add_tracingrequest",
    "tracing.change_tracingrequest",
    "tracing.add_case",
    "tracing.change_case",
    "tracing.import_tracing",
]
EDITIONS_VIEW = ["tracing.view_listedition"]
EDITIONS_MANAGE = ["tracing.add_listedition", "tracing.add_authorityresponse"]
AGGREGATES = ["core.view_aggregates"]
SAMPLES_FIELD = [
    "antemortem.view_amrecord",
    "antemortem.add_amrecord",
    "antemortem.change_amrecord",
    "antemortem.view_familypedigree",
    "antemortem.change_familypedigree",
    "antemortem.view_referencesample",
    "antemortem.add_referencesample",
    "antemortem.change_referencesample",
]
GENETICS = [
    *SAMPLES_FIELD,
    "remains.view_remains",
    "remains.add_remains",
    "remains.change_remains",
    "remains.view_genetics",
    "identification.view_frequencytable",
    "identification.add_frequencytable",
    "identification.view_dnaprofile",
    "identification.add_dnaprofile",
    "identification.view_matchingrun",
    "identification.add_matchingrun",
    "identification.view_candidate",
    "identification.view_identification",
]
DECIDE = ["identification.decide_identification"]
DETENTION_VIEW = [
    "detention.view_detentionplace",
    "detention.view_detainee",
    "detention.view_visit",
    "detention.view_consularrequest",
    "detention.view_dossier",
]
DETENTION_ALL = [
    *DETENTION_VIEW,
    "detention.view_confidential",
    "detention.add_detentionplace",
    "detention.add_detainee",
    "detention.change_detainee",
    "detention.add_visit",
    "detention.add_familycontact",
    "detention.add_proceeding",
    "detention.add_hearing",
    "detention.add_movement",
    "detention.add_notification",
    "detention.add_consularrequest",
    "detention.change_consularrequest",
    "detention.add_dossier",
    "detention.add_evidenceitem",
    "detention.add_submission",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: [
        *VIEW_REGISTRY,
        *EDIT_REGISTRY,
        *EDITIONS_VIEW,
        *EDITIONS_MANAGE,
        *AGGREGATES,
        *GENETICS,
        *DETENTION_VIEW,
        "core.view_auditlog",
    ],
    TRACING_OFFICER: [
        *VIEW_REGISTRY,
        *EDIT_REGISTRY,
        *EDITIONS_VIEW,
        *EDITIONS_MANAGE,
        *AGGREGATES,
        *SAMPLES_FIELD,
    ],
    FORENSIC_SPECIALIST: [*VIEW_REGISTRY, *AGGREGATES, *GENETICS, *DECIDE],
    DETENTION_DELEGATE: ["persons.view_person", "persons.add_person", *AGGREGATES, *DETENTION_ALL],
    ACCOMPANIMENT_OFFICER: [*VIEW_REGISTRY, *AGGREGATES],
    DATA_PROTECTION_OFFICER: [*VIEW_REGISTRY, *EDITIONS_VIEW, *AGGREGATES, "core.view_auditlog"],
    PARTNER: [*AGGREGATES],
}


def seed_roles(apps, schema_editor) -> None:
    """Create the groups and their permissions (idempotent). Used by a migration."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def ensure_roles(Group, Permission) -> None:
    """Create or repair the groups and their permissions (idempotent)."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
