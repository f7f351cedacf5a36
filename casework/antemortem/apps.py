from django.apps import AppConfig


class AntemortemConfig(AppConfig):
    name = "casework.antemortem"
    label = "antemortem"
    verbose_name = "Ante-mortem data and reference samples"
