from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers Tandem's own system checks (tandem.E001: a cache every worker shares).
        from tandem.core import checks  # noqa: F401
