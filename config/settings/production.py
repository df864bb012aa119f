"""Production: every secret from the environment, HTTPS only, no demo data."""

import os

from django.core.exceptions import ImproperlyConfigured

from tandem.audit.chain import KeyringError, parse_keyring
from tandem.core.shared_cache import cache_problem

from .base import *  # noqa: F403
from .base import AUDIT_DEFAULT_KEY, CACHES, env_bool, env_list

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of at least 50 characters.")
# The audit trail's keys: refuse the local default and short secrets (docs/decisions/0008).
_audit_keys_help = (
    "Set TANDEM_AUDIT_KEYS to id:secret pairs, newest first, each secret random and at least 32 characters, "
    'for example TANDEM_AUDIT_KEYS="2026a:$(openssl rand -hex 32)".'
)
TANDEM_AUDIT_KEYS = env_list("TANDEM_AUDIT_KEYS")
try:
    _audit_keyring = parse_keyring(TANDEM_AUDIT_KEYS)
except KeyringError as _error:
    raise ImproperlyConfigured(f"{_audit_keys_help} ({_error})") from None
_audit_default_secret = AUDIT_DEFAULT_KEY.partition(":")[2].encode()
if any(len(secret) < 32 or secret == _audit_default_secret for _, secret in _audit_keyring.keys):
    raise ImproperlyConfigured(_audit_keys_help)
# Sign-in counts must be shared by every worker: refuse a cache each worker keeps to itself
# (docs/decisions/0007). `check --deploy` says the same (tandem.E001).
_cache_problem = cache_problem(CACHES)
if _cache_problem:
    raise ImproperlyConfigured(_cache_problem)
DEBUG = False
TANDEM_ALLOW_DEMO = False
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
