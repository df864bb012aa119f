from django.apps import AppConfig


class CommissionsConfig(AppConfig):
    name = "tandem.commissions"
    label = "commissions"
