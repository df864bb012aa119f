"""Tests: fast hashing, locmem email, demo allowed. DATABASE_URL picks SQLite or PostgreSQL."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("TANDEM_ALLOW_DEMO", "1")

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# {% term "X" %} with an X the glossary does not know fails the test instead of showing plain text.
GLOSSARY_STRICT = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tandem-test"}}
ALLOWED_HOSTS = ["*"]
# Every test Client builds the middleware again, and WhiteNoise would index every file under
# STATIC_ROOT each time (thousands, once collectstatic has run): a tenth of a second or more per
# Client. Looking a file up when it is asked for costs nothing until then (decision 0013).
WHITENOISE_AUTOREFRESH = True
# A fixed audit key, whatever the environment says, so every run signs the same way; checkpoints
# go to a folder of this process's own (the audit tests give each test its own folder).
TANDEM_AUDIT_KEYS = ["test:test-only-not-secret-audit-key"]
TANDEM_AUDIT_CHECKPOINT_DIR = Path(tempfile.gettempdir()) / f"tandem-test-audit-checkpoints-{os.getpid()}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
