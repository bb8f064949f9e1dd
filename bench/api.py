"""Requests per second and latency of the status endpoint, served by gunicorn with the reference data loaded.

    .venv/bin/python bench/api.py [--requests 2000] [--concurrency 4] [--workers 2]

Uses DATABASE_URL when set (PostgreSQL), else a fresh SQLite file in a
temporary folder. Starts gunicorn on a free localhost port, asks
/api/v1/entities/XK/status/ for the dates the reference README checks,
prints the figures and stops gunicorn.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATES = ("2008-03-04", "2008-12-31", "2009-04-07", "2009-04-21", "2010-12-31", "2020-09-04")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(env: dict) -> str:
    """Migrate, load the reference data and return an API token of a desk officer."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from accounts.models import User
    from accounts.roles import user_set_role
    from recognitions.reference import load_reference_data

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_reference_data()
    print(f"reference data loaded in {time.perf_counter() - started:.2f} s")
    user, _ = User.objects.get_or_create(username="bench-officer", defaults={"clearance": "CONFIDENTIAL"})
    user_set_role(user, "desk officer")
    return Token.objects.get_or_create(user=user)[0].key


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz in time")


def hammer(port: int, token: str, count: int, latencies: list, errors: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    for i in range(count):
        path = f"/api/v1/entities/XK/status/?as_of={DATES[i % len(DATES)]}"
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
        except OSError as exc:
            errors.append(repr(exc))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
        if response.status != 200:
            errors.append(response.status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="recognition-bench-") as folder:
        env = {
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3",
            "API_THROTTLE_RATE": "100000000/hour",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-not-a-secret",
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        token = prepare_database(env)
        port = free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        process = subprocess.Popen(
            [str(gunicorn), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers",
             str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env={**os.environ, **env},
        )
        try:
            wait_until_up(port, process)
            hammer(port, token, 20, [], [])  # warm each worker's imports and connections
            latencies: list[float] = []
            errors: list = []
            per_thread = args.requests // args.concurrency
            threads = [
                threading.Thread(target=hammer, args=(port, token, per_thread, latencies, errors))
                for _ in range(args.concurrency)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=10)

    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cuts = statistics.quantiles(latencies, n=100)
    print(f"GET /api/v1/entities/XK/status/?as_of=... on {engine}, gunicorn {args.workers} sync workers, "
          f"{args.concurrency} clients")
    print(f"requests: {len(latencies)} in {elapsed:.2f} s = {len(latencies) / elapsed:.0f} requests/s")
    print(f"latency: p50 {cuts[49] * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))


if __name__ == "__main__":
    main()
