from django.apps import AppConfig


class SamplesConfig(AppConfig):
    name = "casework.samples"
    label = "samples"
    verbose_name = "Reference samples and DNA profiles"
