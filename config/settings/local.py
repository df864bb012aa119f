"""Local development: DEBUG on, SQLite by default, console email, demo data allowed."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("TANDEM_ALLOW_DEMO", "1")

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "local-development-only-not-secret"
