from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "casework.core"
    label = "core"
    verbose_name = "Kintrace core"

    def ready(self) -> None:
        from casework.core.roles import seed_roles_after_migrate

        # Every app declares its audit actions in audit_actions.py (see core.audit).
        autodiscover_modules("audit_actions")
        # Roles are (re)seeded once every app's permissions exist.
        post_migrate.connect(seed_roles_after_migrate, sender=self, dispatch_uid="kintrace-roles")
