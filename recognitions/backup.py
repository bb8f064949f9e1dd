"""Backing up and restoring the whole database, whichever engine it is on.

PostgreSQL goes through pg_dump / pg_restore (custom format, so a restore
replaces objects cleanly); SQLite through its online backup API, which gives a
consistent copy even while the application writes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """A backup or restore could not be made; the message says why."""


def _pg_env_and_args() -> tuple[dict, list[str]]:
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""}
    args = ["-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432), "-U", s.get("USER") or ""]
    args += ["-d", s["NAME"]]
    return env, args


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed on this machine") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip().splitlines()[-1:]}")


def database_backup(path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args], env)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"no backup method for the {connection.vendor} database engine")
    return path


def database_restore(path: Path) -> None:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a backup file")
    if connection.vendor == "postgresql":
        env, args = _pg_env_and_args()
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path)], env)
    elif connection.vendor == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} is not an SQLite backup: {exc}") from None
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
    else:
        raise BackupError(f"no restore method for the {connection.vendor} database engine")
