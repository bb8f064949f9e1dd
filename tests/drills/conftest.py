"""Real worker processes for the failure drills, each in its own process group so a drill can kill it whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.ingestion.test_worker import test_database_url

ROOT = Path(__file__).resolve().parents[2]
#: The drills' visibility timeout: a dead worker's tasks go back on the queue after this many seconds.
VISIBILITY_TIMEOUT = 3


class Workers:
    """Starts Celery workers on one queue of its own and stops (or kills) them."""

    def __init__(self, queue: str, broker_url: str):
        self.queue, self.broker_url, self.started = queue, broker_url, []
        self.facts_queue = f"{queue}-facts"

    def start(self, name: str = "w", concurrency: int = 2, **env) -> subprocess.Popen:
        environment = {
            **os.environ, "DATABASE_URL": test_database_url(), "CELERY_BROKER_URL": self.broker_url,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), "CELERY_QUEUE": self.facts_queue, **env,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", self.queue, "-c", str(concurrency),
             "--loglevel=WARNING", "--without-gossip", "--without-mingle", "-n", f"{name}-{self.queue}@%h"],
            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        self.started.append(process)
        return process

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL the worker and its pool processes at once, as a lost machine would."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


@pytest.fixture
def workers(transactional_db, settings):
    """Workers on a queue of the test's own; the queues are deleted afterwards.

    The extraction of facts that a worker queues for every cable it stores
    goes to the workers' default queue (`CELERY_QUEUE`), which they do not
    read: the drills are about getting cables in, and 2,000 extractions would
    triple their time.
    """
    from config.celery import app

    queue = f"drill-{uuid.uuid4().hex[:8]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    pool = Workers(queue, settings.CELERY_BROKER_URL)
    yield pool
    pool.stop_all()
    app.conf.task_default_queue = previous
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        for name in (queue, pool.facts_queue):
            channel.queue_purge(name)
            channel.queue_delete(name)


def wait_for(condition, timeout: float, message: str, workers: list[subprocess.Popen] = (), step: float = 0.2):
    """Poll `condition` until it is true; fail with `message` (and a dead worker's output) after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        for process in workers:
            if process.poll() is not None:
                pytest.fail(f"worker exited with {process.returncode}: {process.stdout.read()[-3000:]}")
        time.sleep(step)
    pytest.fail(message)
