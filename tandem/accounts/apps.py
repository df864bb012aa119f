from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"

    def ready(self) -> None:
        # The feedback page (in frontend, below accounts) is limited by the sign-in's throttling.
        from tandem.accounts.throttling import feedback_post_wait
        from tandem.frontend.hooks import feedback_limit_register

        feedback_limit_register(feedback_post_wait)
