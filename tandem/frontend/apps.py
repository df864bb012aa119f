from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "tandem.frontend"
    label = "frontend"
