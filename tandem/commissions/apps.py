from django.apps import AppConfig


class CommissionsConfig(AppConfig):
    name = "tandem.commissions"
    label = "commissions"

    def ready(self) -> None:
        # accounts and frontend sit below commissions, so what their pages show about a person's
        # teams is lent here: what each team sees of them, and the welcome on their home page.
        from tandem.accounts.hooks import contact_places_register
        from tandem.commissions.selectors.commission import team_contact_places, team_welcomes_for
        from tandem.frontend.hooks import team_welcomes_register

        contact_places_register(team_contact_places)
        team_welcomes_register(team_welcomes_for)
