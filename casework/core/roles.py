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

# Compartments (casework.persons.compartments): ``persons.view_person`` opens every
# person record (the registry compartment); the detention compartment opens only the
# persons linked to detainees; contact details of families need ``persons.view_contact``
# (tracing and accompaniment roles only); genotypes need ``remains.view_genetics``.
VIEW_REGISTRY = ["persons.view_person", "tracing.view_case", "tracing.view_tracingrequest"]
CONTACT_DETAILS = ["persons.view_contact"]
EDIT_REGISTRY = [
    "persons.add_person",
    "persons.change_person",
    "tracing.add_tracingrequest",
    "tracing.change_tracingrequest",
    "tracing.add_case",
    "tracing.change_case",
    "tracing.import_tracing",
    "tracing.add_outcomeevidence",
    "tracing.review_outcomeevidence",
]
EDITIONS_VIEW = ["tracing.view_listedition"]
EDITIONS_MANAGE = ["tracing.add_listedition", "tracing.add_authorityresponse"]
AGGREGATES = ["core.view_aggregates"]
SAMPLES_FIELD = [
    "antemortem.view_amrecord",
    "antemortem.add_amrecord",
    "antemortem.change_amrecord",
    "samples.view_familypedigree",
    "samples.add_familypedigree",
    "samples.change_familypedigree",
    "samples.view_referencesample",
    "samples.add_referencesample",
    "samples.change_referencesample",
]
GENETICS = [
    *SAMPLES_FIELD,
    "remains.view_remains",
    "remains.add_remains",
    "remains.change_remains",
    "remains.view_genetics",
    "identification.view_frequencytable",
    "identification.add_frequencytable",
    "samples.view_dnaprofile",
    "samples.add_dnaprofile",
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
        *CONTACT_DETAILS,
    ],
    FORENSIC_SPECIALIST: [*VIEW_REGISTRY, *AGGREGATES, *GENETICS, *DECIDE],
    DETENTION_DELEGATE: ["persons.add_person", *AGGREGATES, *DETENTION_ALL],
    ACCOMPANIMENT_OFFICER: [*VIEW_REGISTRY, *AGGREGATES, *CONTACT_DETAILS],
    DATA_PROTECTION_OFFICER: [*VIEW_REGISTRY, *EDITIONS_VIEW, *AGGREGATES, "core.view_auditlog"],
    PARTNER: [*AGGREGATES],
}


MISSING_PERMISSIONS = "Roles name permissions that no model declares: {missing}."


def seed_roles_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """``post_migrate`` receiver (connected for the core app): once every app's
    permissions exist, create or repair the groups from this table. Idempotent."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles(Group, Permission, using=using)


def ensure_roles(Group, Permission, using: str = "default") -> None:
    """Create or repair the groups and their permissions (idempotent). A permission
    named here that no model declares is an error, never silently skipped."""
    known = {
        f"{app}.{code}": pk
        for pk, app, code in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    missing = sorted({p for perms in ROLE_PERMISSIONS.values() for p in perms} - known.keys())
    if missing:
        raise RuntimeError(MISSING_PERMISSIONS.format(missing=", ".join(missing)))
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([known[p] for p in perms])
