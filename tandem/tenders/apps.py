from django.apps import AppConfig


class TendersConfig(AppConfig):
    name = "tandem.tenders"
    label = "tenders"
    verbose_name = "Tenders"
