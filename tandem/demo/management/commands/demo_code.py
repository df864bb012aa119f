"""``python manage.py demo_code <email>``: the current two-factor code for a demo account.

Only for the demo accounts made by ``python manage.py demo``, whose secrets are published, and
only where ``settings.TANDEM_ALLOW_DEMO`` is on.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tandem.accounts import totp
from tandem.accounts.models import User
from tandem.demo.accounts import demo_secret
from tandem.demo.management.commands.demo import demo_people


class Command(BaseCommand):
    help = "Print the current 6-digit sign-in code for a demo account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The demo account's email address")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "TANDEM_ALLOW_DEMO", False):
            raise CommandError("Demo codes are turned off here. They only work where TANDEM_ALLOW_DEMO=1.")
        email = str(options["email"]).strip().lower()
        people = demo_people()
        if email not in people:
            raise CommandError(f"{email} is not a demo account. Run `python manage.py demo` to see them all.")
        if not people[email]:
            raise CommandError(f"{email} signs in with the password only: no code is needed.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"There is no account for {email} yet. Run `python manage.py demo` first.")
        secret = demo_secret(email)
        if not user.has_two_factor or user.totp_secret != secret:
            raise CommandError(
                f"{email} no longer uses the demo two-factor secret (its two-factor settings were changed), "
                "so there is no code to show."
            )
        now = time.time()
        step = totp.step_for(now)
        # A code is accepted once; if this step's code was used, the next one is accepted too.
        if user.totp_last_step is not None and user.totp_last_step >= step:
            step += 1
        seconds_left = int((step + 1) * totp.STEP_SECONDS - now)
        self.stdout.write(totp.code_for_step(secret, step))
        self.stderr.write(f"This code works for about {seconds_left} more seconds.")
