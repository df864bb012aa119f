"""Session keys the organisations app owns."""

# The id of the organisation the person is acting for just now.
CURRENT_ORGANISATION_SESSION_KEY = "tandem_current_organisation"
