from django.apps import AppConfig


class IdentificationConfig(AppConfig):
    name = "casework.identification"
    label = "identification"

    def ready(self) -> None:
        # Registers the system checks (the frequency table named in settings).
        from casework.identification import checks  # noqa: F401
