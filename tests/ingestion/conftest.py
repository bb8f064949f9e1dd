"""Ingestion tests follow jobs in this process, whatever broker the environment names.

Only tests marked `celery` use the real broker and worker.
"""

import pytest


@pytest.fixture(autouse=True)
def tasks_in_process(request, settings):
    if request.node.get_closest_marker("celery"):
        yield
        return
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = previous
