from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "tandem.glossary"
    label = "glossary"
