from django.apps import AppConfig


class DetentionConfig(AppConfig):
    name = "casework.detention"
    label = "detention"
