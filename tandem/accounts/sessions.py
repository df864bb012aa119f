"""Session keys the accounts app owns."""

# Set (to an ISO timestamp) once the person has passed two-factor authentication this session.
TWO_FACTOR_SESSION_KEY = "tandem_two_factor_at"
# While signing in: the id of the person who gave the right password but not yet their code.
PENDING_USER_SESSION_KEY = "tandem_pending_user"
# When the person with a pending sign-in gave their password (ISO timestamp); it expires.
PENDING_STARTED_SESSION_KEY = "tandem_pending_started"
# While setting up two-factor authentication: the new secret, kept until a code confirms it.
SETUP_SECRET_SESSION_KEY = "tandem_two_factor_setup_secret"  # noqa: S105 (a session key name)
# New recovery codes, kept only until the page that shows them once has been seen.
NEW_RECOVERY_CODES_SESSION_KEY = "tandem_new_recovery_codes"
# When the person last typed their password in this session (ISO timestamp): at sign-in, or on
# the "confirm your password" page. Sensitive changes ask again once it is too old.
PASSWORD_CONFIRMED_SESSION_KEY = "tandem_password_confirmed_at"  # noqa: S105 (a session key name)
