from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tandem.organisations"
    label = "organisations"

    def ready(self) -> None:
        # accounts and frontend sit below organisations, so what they need from it is lent here.
        from tandem.accounts.hooks import TwoFactorRule, contact_places_register, two_factor_rule_register
        from tandem.frontend.hooks import refusal_contacts_register
        from tandem.organisations.selectors import (
            membership_contact_places,
            organisation_admins_to_ask,
            works_for_a_funder,
            works_for_a_funder_reason,
        )

        two_factor_rule_register(TwoFactorRule(applies=works_for_a_funder, reason=works_for_a_funder_reason))
        refusal_contacts_register(organisation_admins_to_ask)
        contact_places_register(membership_contact_places)
