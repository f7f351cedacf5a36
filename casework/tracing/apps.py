from django.apps import AppConfig


class TracingConfig(AppConfig):
    name = "casework.tracing"
    label = "tracing"
