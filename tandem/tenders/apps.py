from django.apps import AppConfig


class TendersConfig(AppConfig):
    name = "tandem.tenders"
    label = "tenders"
    verbose_name = "Tenders"

    def ready(self) -> None:
        # Every commission starts with its specification; commissions sits below tenders, so it
        # calls what is registered here inside commission_create's transaction.
        from tandem.commissions.hooks import on_commission_created_register
        from tandem.tenders.services.specification import specification_start

        on_commission_created_register(specification_start)
