"""Settings come from the environment, and a bad value is one clear line."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)"
)


def run(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY")}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_no_environment_means_sqlite_eager_tasks_and_debug():
    result = run({}, sys.executable, "-c", SHOW)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


def test_database_and_broker_urls_switch_to_the_production_shape():
    result = run(
        {"DATABASE_URL": "postgres://u:p@127.0.0.1:5432/desk", "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"},
        sys.executable,
        "-c",
        SHOW,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "True"]


def test_debug_off_without_secret_key_refuses_to_start():
    result = run({"DEBUG": "off"}, sys.executable, "manage.py", "check")
    assert result.returncode == 2
    assert result.stderr.strip() == "Configuration error: SECRET_KEY must be set when DEBUG is off."


def test_debug_off_with_secret_key_starts():
    result = run({"DEBUG": "off", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "desk.example"}, sys.executable, "-c", SHOW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_malformed_database_url_is_one_line_naming_the_setting():
    result = run({"DATABASE_URL": "mysqlx://nowhere"}, sys.executable, "manage.py", "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL" in result.stderr


def test_unreachable_database_is_one_line_naming_the_setting():
    result = run({"DATABASE_URL": "postgres://u:p@127.0.0.1:1/desk"}, sys.executable, "manage.py", "migrate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Configuration error: DATABASE_URL")


def test_malformed_broker_url_is_one_line_naming_the_setting():
    result = run({"CELERY_BROKER_URL": "http://127.0.0.1:6379"}, sys.executable, "manage.py", "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "CELERY_BROKER_URL" in result.stderr.strip().splitlines()[0]


def test_bad_debug_value_names_the_setting():
    result = run({"DEBUG": "perhaps"}, sys.executable, "manage.py", "check")
    assert result.returncode == 2
    assert result.stderr.startswith("Configuration error: DEBUG is not valid")
