from django.apps import AppConfig


class RemainsConfig(AppConfig):
    name = "casework.remains"
    label = "remains"
