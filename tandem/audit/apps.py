from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tandem.audit"
    label = "audit"

    def ready(self) -> None:
        from tandem.audit import checks  # noqa: F401  (registers the system check)
