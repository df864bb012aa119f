from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "tandem.frameworks"
    label = "frameworks"
