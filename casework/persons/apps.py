from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "casework.persons"
    label = "persons"
