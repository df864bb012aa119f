"""tandem.E001, and production settings refusing a cache each worker keeps to itself."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from tandem.core.checks import shared_cache_check

ROOT = Path(__file__).resolve().parents[3]
LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "checks"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}


@override_settings(CACHES=LOCAL)
def test_the_check_errors_for_a_per_process_cache() -> None:
    [error] = shared_cache_check()
    assert error.id == "tandem.E001" and error.is_serious()
    assert "not shared by the server's workers" in error.msg


@override_settings(CACHES=REDIS)
def test_the_check_is_quiet_for_redis() -> None:
    assert shared_cache_check() == []


@override_settings(CACHES=LOCAL)
def test_check_deploy_runs_it() -> None:
    with pytest.raises(SystemCheckError, match=r"tandem\.E001"):
        call_command("check", deploy=True, tags=["caches"])
    call_command("check", tags=["caches"])  # only with --deploy: local development is fine


def _production(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "TANDEM_CACHE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_hex(40),
        TANDEM_AUDIT_KEYS=f"test:{secrets.token_hex(32)}",
        **extra,
    )
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_settings_refuse_to_start_without_a_shared_cache() -> None:
    """Issue 8: production fell back to the in-process cache silently."""
    refused = _production()
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "not shared by the server's workers" in refused.stderr


def test_production_settings_start_with_redis_or_the_database_cache() -> None:
    redis = _production(REDIS_URL="redis://127.0.0.1:6379/0")
    assert redis.returncode == 0, redis.stderr
    assert redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    database = _production(TANDEM_CACHE="database")
    assert database.returncode == 0, database.stderr
    assert database.stdout.strip() == "tandem.core.cache_backends.DatabaseCache"
