"""``make bench``: time Tandem's pages under load on this machine. See bench/README.md.

1. Drops and recreates a PostgreSQL database (``tandem_bench``), migrates it and fills it
   with generated data (bench/generate.py).
2. Collects static files and starts gunicorn with the production settings on a free port on
   127.0.0.1.
3. Runs locust headless against it for a fixed time (bench/locustfile.py), on loopback only.
4. Prints p50 and p95 latency and requests per second for each page in bench/pages.py, and
   each page's ratio to the bare layout, and how long the tender lens takes in process on a
   20,000-word specification (bench/lens_text.py; ``--lens-only`` runs just that, no database).
5. Stops everything it started, also on Ctrl-C or failure.

A benchmark, not a test: nothing here passes or fails on the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lens_text import LENS_REPEATS, LENS_WORDS, describe, lens_report  # noqa: E402
from bench.pages import PAGES  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tandem_bench"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class PageFigures:
    key: str
    label: str
    path: str
    requests: int
    failures: int
    p50: float
    p95: float
    per_second: float


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the values fall (linear interpolation)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def figures_from_results(data: dict[str, Any]) -> list[PageFigures]:
    figures = []
    for page in PAGES:
        result = data["pages"][page.key]
        times: list[float] = result["times_ms"]
        seconds = result["seconds"] or float("nan")
        figures.append(
            PageFigures(
                key=page.key,
                label=page.label,
                path=page.path,
                requests=len(times),
                failures=len(result["failures"]),
                p50=percentile(times, 0.50),
                p95=percentile(times, 0.95),
                per_second=len(times) / seconds,
            )
        )
    return figures


def report(figures: list[PageFigures], *, header: str) -> str:
    yardstick = figures[0]
    lines = [header, ""]
    lines.append(f"{'page':<34} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
    for letter, figure in zip("abcdefghijklmnopqrstuvwxyz", figures, strict=False):
        name = f"({letter}) {figure.label} {figure.path}"
        lines.append(
            f"{name:<34} {figure.requests:>9,} {figure.p50:>8.1f} {figure.p95:>8.1f} {figure.per_second:>8.1f}"
        )
    lines.append("")
    for letter, figure in zip("bcdefghijklmnopqrstuvwxyz", figures[1:], strict=False):
        lines.append(
            f"ratio {letter}/a ({figure.key} / {yardstick.key}): "
            f"p50 {figure.p50 / yardstick.p50:.2f}x, p95 {figure.p95 / yardstick.p95:.2f}x, "
            f"req/s {figure.per_second / yardstick.per_second:.2f}x"
        )
    failed = [f for f in figures if f.failures]
    if failed:
        lines.append("")
        lines.extend(f"WARNING: {f.failures} failed requests for {f.path}" for f in failed)
    return "\n".join(lines)


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Children:
    """The processes this run started, each in its own process group, stopped on the way out."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(args, env=env, cwd=ROOT, start_new_session=True, **kwargs)
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"bench: the database name in {url!r} must be letters, digits and underscores")
    try:
        connection = psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"bench: cannot reach PostgreSQL at {base}: {error}\n"
            "Start PostgreSQL on 127.0.0.1:5432 (user postgres), or set BENCH_DATABASE_URL."
        ) from error
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(env: dict[str, str], scale_name: str, bench_password: str) -> None:
    """Migrate, generate and collect static files, in this process, with production settings."""
    os.environ.update(env)
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    from bench.generate import BENCH_EMAIL, SCALES, generate

    say("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    say(f"generating data at scale {scale_name!r}")
    done = generate(SCALES[scale_name], bench_password=bench_password, report=lambda m: say(f"  {m}"))
    say(f"generated in {done.seconds:.1f}s; benchmark person: {BENCH_EMAIL}")
    say("collecting static files")
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()


def wait_until_serving(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: gunicorn stopped while starting (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own loopback server)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"bench: gunicorn did not answer {url} within {timeout:.0f}s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "60")))
    parser.add_argument("--warmup", type=int, default=int(os.environ.get("BENCH_WARMUP_SECONDS", "10")))
    parser.add_argument("--phase", type=int, default=int(os.environ.get("BENCH_PHASE_SECONDS", "5")))
    parser.add_argument("--users", type=int, default=int(os.environ.get("BENCH_USERS", "4")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "2")))
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "bench"), choices=["bench", "tiny"])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument(
        "--lens-only",
        action="store_true",
        help="only time the tender lens in process on a generated 20,000-word specification (no database)",
    )
    parser.add_argument("--lens-repeats", type=int, default=int(os.environ.get("BENCH_LENS_REPEATS", LENS_REPEATS)))
    args = parser.parse_args(argv)

    # The lens first, in this process, before anything else runs on the machine.
    say(f"timing the tender lens on a {LENS_WORDS:,}-word specification ({args.lens_repeats} runs)")
    lens_figures = lens_report(LENS_WORDS, args.lens_repeats)
    if args.lens_only:
        print(describe(lens_figures))
        return 0

    def stop_on_signal(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # Ctrl-C, or being told to stop: either way, stop what we started (see ``finally`` below).
    # Set explicitly, because a shell starting us in the background ignores Ctrl-C by default.
    signal.signal(signal.SIGINT, stop_on_signal)
    signal.signal(signal.SIGTERM, stop_on_signal)

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    bench_password = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        # Production settings refuse to start without a real audit key; the database is new each run.
        "TANDEM_AUDIT_KEYS": f"bench:{secrets.token_hex(32)}",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": args.database_url,
        # Keep database connections open between requests, as a real deployment would.
        "DATABASE_CONN_MAX_AGE": "60",
        # Nothing leaves the machine: no email is sent.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "ERROR",
        # Production settings refuse a cache each worker keeps to itself (sign-in counts must be
        # shared), so the workers share the Redis on this machine, as a real deployment would.
        "TANDEM_CACHE": "redis",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
    }

    children = Children()
    workdir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    results_path = workdir / "results.json"
    try:
        say(f"recreating database {args.database_url}")
        recreate_database(args.database_url)
        prepare(env, args.scale, bench_password)

        say(f"starting gunicorn ({args.workers} workers) on {base_url}")
        server = children.start(
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
                "--error-logfile",
                str(workdir / "gunicorn.log"),
            ],
            env,
        )
        wait_until_serving(f"{base_url}/bare/", server)

        total = args.warmup + args.seconds
        say(
            f"driving load: {args.users} simulated people for {total}s "
            f"({args.warmup}s warm-up, then {args.phase}s turns per page)"
        )
        from bench.generate import BENCH_EMAIL

        load_env = {
            **env,
            "BENCH_EMAIL": BENCH_EMAIL,
            "BENCH_PASSWORD": bench_password,
            "BENCH_RESULTS": str(results_path),
            "BENCH_WARMUP_SECONDS": str(args.warmup),
            "BENCH_PHASE_SECONDS": str(args.phase),
        }
        with open(workdir / "locust.log", "wb") as log:
            locust = children.start(
                [
                    str(BIN / "locust"),
                    "--locustfile",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--host",
                    base_url,
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    f"{total}s",
                    "--stop-timeout",
                    "5",
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                load_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            locust.wait(timeout=total + 120)
        if not results_path.exists():
            raise SystemExit(f"bench: locust wrote no results; see {workdir / 'locust.log'}")
        data = json.loads(results_path.read_text(encoding="utf-8"))
        if data["sign_in_failures"]:
            raise SystemExit(f"bench: the benchmark person could not sign in: {data['sign_in_failures'][:3]}")

        figures = figures_from_results(data)
        header = (
            f"Tandem bench: gunicorn with {args.workers} sync workers, production settings, PostgreSQL, "
            f"scale {args.scale!r};\n{args.users} simulated signed-in people on loopback from this machine "
            f"({os.cpu_count()} CPUs); {args.seconds}s measured after {args.warmup}s warm-up."
        )
        print()
        print(report(figures, header=header))
        print()
        print(describe(lens_figures))
        results_dir = ROOT / "bench" / "results"
        results_dir.mkdir(exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        summary = {
            "when": stamp,
            "args": vars(args) | {"database_url": args.database_url},
            "figures": [f.__dict__ for f in figures],
            "lens_in_process": lens_figures,
        }
        (results_dir / f"{stamp}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
        print(f"\n(saved to bench/results/{stamp}.json; logs in {workdir})")
        return 1 if any(f.failures for f in figures) else 0
    except KeyboardInterrupt:
        say("interrupted; stopping what the bench started")
        return 130
    finally:
        children.stop_all()


if __name__ == "__main__":
    sys.exit(main())
