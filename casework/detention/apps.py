from django.apps import AppConfig


class DetentionConfig(AppConfig):
    name = "casework.detention"
    label = "detention"

    def ready(self) -> None:
        from django.db.models import Q

        from casework.detention import services  # noqa: F401 - declares the write flows
        from casework.persons.compartments import register_compartment

        # Detention delegates open the person records of detainees and of the
        # subjects of enforced-disappearance dossiers, not the rest of the registry.
        register_compartment(
            "detention",
            "detention.view_detainee",
            Q(detentions__isnull=False) | Q(ed_dossiers__isnull=False),
        )
