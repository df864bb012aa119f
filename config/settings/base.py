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
# A form that arrives without its cookie gets a plain page that shows back what was typed.
CSRF_FAILURE_VIEW = "tandem.frontend.errors.csrf_failure"

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
    "csp",
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
    # On top of every other app: it builds the Anyborough demo through their services.
    "tandem.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy and Permissions-Policy headers, on every response.
    "csp.middleware.CSPMiddleware",
    "tandem.frontend.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Straight after authentication: every response to a signed-in person is "private, no-store".
    "tandem.frontend.middleware.SignedInNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tandem.core.middleware.RescueExpiredPostMiddleware",
    "tandem.accounts.middleware.TwoFactorMiddleware",
    "tandem.organisations.middleware.CurrentOrganisationMiddleware",
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
            "builtins": ["tandem.frontend.templatetags.govuk", "tandem.frontend.templatetags.tandem_values"],
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
# Changes that could lock someone out or let someone else in (recovery codes, two-factor, a site
# administrator's changes to people) ask for the password again unless it was typed this recently.
PASSWORD_CONFIRM_SECONDS = int(os.environ.get("TANDEM_PASSWORD_CONFIRM_SECONDS", str(10 * 60)))

# Failed sign-ins slow down; nobody is locked out (tandem/accounts/throttle.py,
# docs/decisions/0007-sign-in-throttling.md). Attempts are forgotten one to two windows later.
SIGN_IN_WINDOW_SECONDS = int(os.environ.get("TANDEM_SIGN_IN_WINDOW_SECONDS", str(15 * 60)))
# One email address from one network address: this many free attempts, then a wait that starts
# at SIGN_IN_DELAY_SECONDS and doubles up to SIGN_IN_MAX_DELAY_SECONDS.
SIGN_IN_MAX_FAILURES = int(os.environ.get("TANDEM_SIGN_IN_MAX_FAILURES", "5"))
SIGN_IN_DELAY_SECONDS = int(os.environ.get("TANDEM_SIGN_IN_DELAY_SECONDS", "30"))
SIGN_IN_MAX_DELAY_SECONDS = int(os.environ.get("TANDEM_SIGN_IN_MAX_DELAY_SECONDS", str(15 * 60)))
# One network address, any email: often a whole office, so more free attempts and a short wait.
SIGN_IN_MAX_FAILURES_PER_ADDRESS = int(
    os.environ.get("TANDEM_SIGN_IN_MAX_FAILURES_PER_ADDRESS", str(SIGN_IN_MAX_FAILURES * 4))
)
SIGN_IN_ADDRESS_MAX_DELAY_SECONDS = int(os.environ.get("TANDEM_SIGN_IN_ADDRESS_MAX_DELAY_SECONDS", "120"))
# One email from anywhere: after this many attempts, a few seconds between tries from a place
# that has already failed. Gentle on purpose: it never delays a first try from a new place.
SIGN_IN_ACCOUNT_SLOW_AFTER = int(os.environ.get("TANDEM_SIGN_IN_ACCOUNT_SLOW_AFTER", "10"))
SIGN_IN_ACCOUNT_DELAY_SECONDS = int(os.environ.get("TANDEM_SIGN_IN_ACCOUNT_DELAY_SECONDS", "10"))
# Email the person at this many failures on their account in an hour (at most once a day).
SIGN_IN_NOTICE_AFTER = int(os.environ.get("TANDEM_SIGN_IN_NOTICE_AFTER", "10"))
# Forms anyone can post without signing in, counted the same way as sign-in attempts
# (docs/decisions/0015-rate-limits-on-public-forms.md): at most this many posts in one to two
# windows, then a wait until some are forgotten. Per network address, so generous: an office
# shares one.
PUBLIC_FORM_WINDOW_SECONDS = int(os.environ.get("TANDEM_PUBLIC_FORM_WINDOW_SECONDS", str(60 * 60)))
# Feedback: per network address when signed out, per person when signed in.
FEEDBACK_POSTS_PER_ADDRESS = int(os.environ.get("TANDEM_FEEDBACK_POSTS_PER_ADDRESS", "10"))
# Asking for password reset links, whatever email address is typed (each address also gets at
# most 3 emails an hour, silently).
PASSWORD_RESET_POSTS_PER_ADDRESS = int(os.environ.get("TANDEM_PASSWORD_RESET_POSTS_PER_ADDRESS", "10"))
# Making an account from an invitation link: per network address and per invitation.
INVITATION_POSTS_PER_ADDRESS = int(os.environ.get("TANDEM_INVITATION_POSTS_PER_ADDRESS", "30"))
INVITATION_POSTS_PER_INVITATION = int(os.environ.get("TANDEM_INVITATION_POSTS_PER_INVITATION", "10"))

# The cache holds the sign-in counts, so every worker must share it: TANDEM_CACHE is "redis"
# (REDIS_URL; the default when REDIS_URL is set), "database" (run `manage.py createcachetable`
# once) or "local" (this process only: development and tests). Production refuses "local".
TANDEM_CACHE = os.environ.get("TANDEM_CACHE", "redis" if os.environ.get("REDIS_URL") else "local").strip().lower()
if TANDEM_CACHE == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", ""),
        }
    }
elif TANDEM_CACHE == "database":
    CACHES = {"default": {"BACKEND": "tandem.core.cache_backends.DatabaseCache", "LOCATION": "tandem_cache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tandem"}}

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

# The audit trail (docs/decisions/0008-keyed-audit-chain-and-checkpoints.md). Keys sign each entry
# (HMAC-SHA256) and are never stored in the database: "id:secret" pairs, comma-separated, newest
# first; the newest signs, every key listed verifies, so rotate by adding a new key in front and
# keep the old ones. The default is for local use and tests only; production refuses it.
AUDIT_DEFAULT_KEY = "local:not-secret-local-and-test-audit-key"
TANDEM_AUDIT_KEYS = env_list("TANDEM_AUDIT_KEYS", AUDIT_DEFAULT_KEY)
# Where `manage.py audit_checkpoint` writes its signed checkpoints (one file each, never
# overwritten): outside the database, for example a mounted object-storage bucket in production.
TANDEM_AUDIT_CHECKPOINT_DIR = Path(os.environ.get("TANDEM_AUDIT_CHECKPOINT_DIR", BASE_DIR / "audit-checkpoints"))

# Uploads: Django's handlers keep each file's first TANDEM_UPLOAD_KEEP_BYTES and drop the rest
# (tandem/frontend/uploads.py), so a huge post never fills memory or disk. It is one byte more than
# the largest file any form accepts (the tender lens's 2 MB), so that form still says "too large".
TANDEM_UPLOAD_KEEP_BYTES = 2 * 1024 * 1024 + 1
FILE_UPLOAD_HANDLERS = [
    "tandem.frontend.uploads.KeepLittleUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Content Security Policy (django-csp; docs/decisions/0006-security-headers.md). Everything comes
# from Tandem's own address: no inline scripts or styles (not even with a nonce: the one script
# that must run first is static/tandem/js-enabled.js), no plugins, no framing, and forms post only
# to Tandem. A view that needs more changes it with django-csp's decorators, never here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features Tandem never uses, turned off for every page (tandem/frontend/middleware.py).
# Each name is one Chromium knows, so the header raises no console warnings.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "speaker-selection",
        "storage-access",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
