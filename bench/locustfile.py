"""Load for the benchmark. ``bench/run.py`` starts this with ``locust --headless``; it is not
meant to be run on its own (it needs the environment run.py sets).

Each simulated person signs in once (password only: the benchmark person is a provider
member without two-factor authentication), then asks for pages as fast as the server answers.

The run is split into a warm-up, then short phases that take turns between the pages in
``bench/pages.py``: in each phase every simulated person asks for the same page, so each page's
throughput is measured on its own, and taking turns spreads any background noise across all
pages alike. Every response time is kept (not locust's rounded histogram) and written to
``BENCH_RESULTS`` as JSON when the run stops.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from http.cookiejar import Cookie, DefaultCookiePolicy
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import PAGES

EMAIL = os.environ.get("BENCH_EMAIL", "")
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
RESULTS = os.environ.get("BENCH_RESULTS", "")
WARMUP_SECONDS = float(os.environ.get("BENCH_WARMUP_SECONDS", "10"))
PHASE_SECONDS = float(os.environ.get("BENCH_PHASE_SECONDS", "5"))

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Clock:
    started: float | None = None
    stopped: float | None = None


samples: dict[str, list[float]] = {page.key: [] for page in PAGES}
failures: dict[str, list[str]] = {page.key: [] for page in PAGES}
sign_in_failures: list[str] = []


def page_now() -> Any:
    """The page this moment belongs to, or None during the warm-up."""
    if Clock.started is None:
        return None
    elapsed = time.monotonic() - Clock.started - WARMUP_SECONDS
    if elapsed < 0:
        return None
    return PAGES[int(elapsed // PHASE_SECONDS) % len(PAGES)]


def measured_seconds(started: float, stopped: float) -> dict[str, float]:
    """How long each page's phases lasted between the end of the warm-up and the stop."""
    totals = {page.key: 0.0 for page in PAGES}
    t = started + WARMUP_SECONDS
    index = 0
    while t < stopped:
        end = min(t + PHASE_SECONDS, stopped)
        totals[PAGES[index % len(PAGES)].key] += end - t
        t, index = end, index + 1
    return totals


def _started(**_: Any) -> None:
    Clock.started = time.monotonic()


def _stopped(**_: Any) -> None:
    Clock.stopped = time.monotonic()
    if not RESULTS or Clock.started is None:
        return
    seconds = measured_seconds(Clock.started, Clock.stopped)
    data = {
        "warmup_seconds": WARMUP_SECONDS,
        "phase_seconds": PHASE_SECONDS,
        "sign_in_failures": sign_in_failures,
        "pages": {
            page.key: {
                "path": page.path,
                "label": page.label,
                "seconds": seconds[page.key],
                "times_ms": samples[page.key],
                "failures": failures[page.key],
            }
            for page in PAGES
        },
    }
    Path(RESULTS).write_text(json.dumps(data), encoding="utf-8")


# locust's event hooks are untyped; name their types here.
on_test_start: Callable[[Callable[..., None]], object] = events.test_start.add_listener
on_test_stop: Callable[[Callable[..., None]], object] = events.test_stop.add_listener
on_test_start(_started)
on_test_stop(_stopped)


class LoopbackCookies(DefaultCookiePolicy):
    """Production settings mark the session and CSRF cookies Secure (HTTPS only). The bench
    talks plain HTTP on loopback, where a TLS-terminating proxy would normally sit, so it sends
    them back anyway."""

    def return_ok_secure(self, cookie: Cookie, request: Any) -> bool:
        return True


class SignedInPerson(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(LoopbackCookies())
        with self.client.get("/accounts/sign-in/", name="sign-in", catch_response=True) as form:
            match = _CSRF.search(form.text or "")
            if form.status_code != 200 or not match:
                sign_in_failures.append(f"sign-in page answered {form.status_code}")
                form.failure("no sign-in form")
                raise StopUser()
        with self.client.post(
            "/accounts/sign-in/",
            name="sign-in",
            data={"csrfmiddlewaretoken": match.group(1), "email": EMAIL, "password": PASSWORD},
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                sign_in_failures.append(f"signing in answered {answer.status_code}, not a redirect")
                answer.failure("sign-in refused")
                raise StopUser()

    @task
    def ask_for_page(self) -> None:
        page = page_now()
        if page is None:
            # Warm-up: every page, not measured.
            for warm in PAGES:
                self.client.get(warm.path, name=f"warm-up {warm.key}")
            return
        with self.client.get(page.path, name=page.key, allow_redirects=False, catch_response=True) as response:
            if response.status_code == 200 and "Sign out" in (response.text or ""):
                samples[page.key].append(response.request_meta["response_time"])
            else:
                problem = f"{response.status_code} from {page.path}"
                failures[page.key].append(problem)
                response.failure(problem)
