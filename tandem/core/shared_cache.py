"""Which cache backends every worker shares. Pure: no Django import, so production settings can
use it before Django is set up.

Sign-in attempts are counted in the default cache (``tandem.accounts.throttling``). A cache that
each worker process keeps to itself gives every worker its own count: with two gunicorn workers,
an attacker gets twice the free guesses. Production settings refuse to start with one
(``config/settings/production.py``), and ``check --deploy`` says the same (``tandem.core.checks``).
"""

from __future__ import annotations

from collections.abc import Mapping

REDIS = "django.core.cache.backends.redis.RedisCache"
# Django's own database cache adds one to a count by reading it and writing it back, so two
# workers can both read "4"; Tandem's version counts in one locked statement.
DATABASE = "tandem.core.cache_backends.DatabaseCache"
DJANGO_DATABASE = "django.core.cache.backends.db.DatabaseCache"

SHARED_BACKENDS = frozenset(
    {
        REDIS,
        DATABASE,
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.memcached.PyLibMCCache",
    }
)

HOW_TO_FIX = (
    "Set REDIS_URL (for example REDIS_URL=redis://127.0.0.1:6379/0), or set TANDEM_CACHE=database "
    "and run `manage.py createcachetable` once."
)


def cache_problem(caches: Mapping[str, Mapping[str, object]]) -> str:
    """What is wrong with the default cache for counting sign-in attempts across workers,
    or "" when nothing is."""
    default = caches.get("default") or {}
    backend = str(default.get("BACKEND", ""))
    if backend == DJANGO_DATABASE:
        return (
            "The cache is Django's own database cache, which can lose sign-in counts when two workers "
            f"count at once. Use TANDEM_CACHE=database, which picks {DATABASE}. {HOW_TO_FIX}"
        )
    if backend not in SHARED_BACKENDS:
        return (
            f"The default cache ({backend or 'none'}) is not shared by the server's workers, so each "
            "worker would count failed sign-ins on its own and let more guesses through. "
            f"{HOW_TO_FIX}"
        )
    if not str(default.get("LOCATION") or "").strip():
        return f"The default cache ({backend}) has no LOCATION. {HOW_TO_FIX}"
    return ""
