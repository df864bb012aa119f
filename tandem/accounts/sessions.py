"""Session keys the accounts app owns."""

# Set (to an ISO timestamp) once the person has passed two-factor authentication this session.
TWO_FACTOR_SESSION_KEY = "tandem_two_factor_at"
# While signing in: the id of the person who gave the right password but not yet their code.
PENDING_USER_SESSION_KEY = "tandem_pending_user"
