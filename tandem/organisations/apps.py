from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tandem.organisations"
    label = "organisations"
