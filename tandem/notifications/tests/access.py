from __future__ import annotations

from tandem.core.testing.access import SIGN_IN, Access, signed_in

ACCESS = {
    "notifications:list": Access(expect=signed_in(200), note="Everyone sees only their own notifications."),
    "notifications:mark-read": Access(
        method="post",
        data=lambda ctx: {"all": "on"},
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 302,
            "funder_member": 302,
            "funder_admin": 302,
            "site_admin": 302,
        },
        note="Marks only the signed-in person's own notifications, then goes back.",
    ),
    "notifications:preferences": Access(expect=signed_in(200)),
}
