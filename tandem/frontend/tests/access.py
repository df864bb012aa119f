"""Authorisation-matrix entries for every frontend URL."""

from tandem.core.testing.access import SIGN_IN, Access, everyone

ACCESS = {
    "frontend:home": Access(expect=everyone(200)),
    "frontend:bare": Access(expect=everyone(200)),
    "frontend:accessibility": Access(expect=everyone(200)),
    "frontend:privacy": Access(expect=everyone(200)),
    "frontend:cookies": Access(expect=everyone(200)),
    "frontend:feedback": Access(expect=everyone(200), note="Anyone may send feedback, signed in or not."),
    "frontend:feedback-sent": Access(expect=everyone(200)),
    "frontend:feedback-list": Access(
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 403,
            "funder_admin": 403,
            "site_admin": 200,
        },
    ),
    "frontend:site-admin": Access(
        expect={
            "anonymous": SIGN_IN,
            "provider_member": 403,
            "funder_member": 403,
            "funder_admin": 403,
            "site_admin": 200,
        },
    ),
    "frontend:patterns": Access(expect=everyone(404), note="Only on when DEBUG is on; tests run with it off."),
}
