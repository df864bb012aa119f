"""Tests: fast hashing, locmem email, demo allowed. DATABASE_URL picks SQLite or PostgreSQL."""

import os

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
