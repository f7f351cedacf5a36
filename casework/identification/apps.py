from django.apps import AppConfig


class IdentificationConfig(AppConfig):
    name = "casework.identification"
    label = "identification"
