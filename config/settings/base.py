"""Settings shared by every environment. Everything that varies comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SERVICE_NAME = "Tandem"
# Shown in the phase banner.
SERVICE_PHASE = os.environ.get("TANDEM_PHASE", "beta")
# Who runs this copy of Tandem, and how to reach them: named in the footer, the privacy notice
# and the accessibility statement. Blank means the pages say "the organisation running this copy".
TANDEM_OPERATOR_NAME = os.environ.get("TANDEM_OPERATOR_NAME", "")
TANDEM_CONTACT_EMAIL = os.environ.get("TANDEM_CONTACT_EMAIL", "")
# Demo data (and its documented passwords) is refused when this is off.
TANDEM_ALLOW_DEMO = env_bool("TANDEM_ALLOW_DEMO", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tandem.core",
    "tandem.frontend",
    "tandem.accounts",
    "tandem.organisations",
    "tandem.audit",
    "tandem.notifications",
    "tandem.glossary",
    "tandem.frameworks",
    "tandem.commissions",
    "tandem.tenders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tandem.core.middleware.RescueExpiredPostMiddleware",
    "tandem.accounts.middleware.TwoFactorMiddleware",
    "tandem.organisations.middleware.CurrentOrganisationMiddleware",
    # Last, so a refusal that escapes a view becomes the 403 page with its reason.
    "tandem.frontend.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tandem.frontend.context_processors.service",
                "tandem.notifications.context_processors.unread",
            ],
            "builtins": ["tandem.frontend.templatetags.govuk"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "frontend:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after 30 minutes without activity; pages warn two minutes before.
SESSION_COOKIE_AGE = int(os.environ.get("TANDEM_SESSION_SECONDS", str(30 * 60)))
SESSION_WARNING_SECONDS = int(os.environ.get("TANDEM_SESSION_WARNING_SECONDS", "120"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Failed sign-in throttling: this many failures in the window locks that email (and that
# address) out for the window.
SIGN_IN_MAX_FAILURES = int(os.environ.get("TANDEM_SIGN_IN_MAX_FAILURES", "5"))
SIGN_IN_WINDOW_SECONDS = int(os.environ.get("TANDEM_SIGN_IN_WINDOW_SECONDS", str(15 * 60)))
# One client address is often a whole office behind one network, so it gets more room.
SIGN_IN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("TANDEM_SIGN_IN_MAX_FAILURES_PER_ADDRESS", str(SIGN_IN_MAX_FAILURES * 4))
)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tandem"}
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tandem <no-reply@tandem.invalid>")
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour
# Invitations to join an organisation expire after this many days.
INVITATION_DAYS = int(os.environ.get("TANDEM_INVITATION_DAYS", "14"))
SITE_URL = os.environ.get("TANDEM_SITE_URL", "http://127.0.0.1:8000")

# Tender timeline checks (tandem/tenders/timeline.py): Tandem's suggested minimum days, not legal rules.
# Publication to submission deadline (seed 000, Procure: realistic deadlines).
TENDER_MIN_RESPONSE_DAYS = int(os.environ.get("TANDEM_TENDER_MIN_RESPONSE_DAYS", "25"))
# Added to the minimum when consortium bids are welcome: partners need time to agree who does what.
TENDER_CONSORTIUM_EXTRA_DAYS = int(os.environ.get("TANDEM_TENDER_CONSORTIUM_EXTRA_DAYS", "10"))
# Award (or the end of standstill) to the service starting: staff, premises and handover.
TENDER_MIN_MOBILISATION_DAYS = int(os.environ.get("TANDEM_TENDER_MIN_MOBILISATION_DAYS", "90"))

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
