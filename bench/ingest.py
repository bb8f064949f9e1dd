"""Ingest a synthetic archive into PostgreSQL with `ingest_cables --bulk`; print speed and memory.

    DATABASE_URL=postgres://desk:desk-ci@127.0.0.1:5432/desk_bench \\
        python bench/ingest.py [N=250000] [CORPUS=bench/out/cables-<N>.csv]

BULK_PROCESSES=n passes `--processes n` to the command.

The database named in DATABASE_URL is emptied (migrated back to zero and up
again) and given the reference data (posts, to which addressee lines link)
first. Prints cables/second, total time, the peak resident memory of the
command with its worker processes (sampled from /proc), and the time
PostgreSQL's own COPY takes to load the same rows as plain text columns, so
the cost of parsing and storing shows as a ratio. It also prints the server
settings that weigh on a load (see the README's PostgreSQL settings) and how
busy the whole machine was, since the figure means little on a shared one.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{current}/task/{current}/children") as children:
                stack.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process so far."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (the worker processes of the command)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/task/{current}/children") as children:
                below = [int(c) for c in children.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        found.extend(below)
        stack.extend(below)
    return found


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU-seconds of the whole machine since boot, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


SERVER_SETTINGS = ("shared_buffers", "wal_buffers", "max_wal_size", "checkpoint_timeout", "work_mem",
                   "maintenance_work_mem", "default_toast_compression")


def server_settings() -> str:
    """The PostgreSQL server and the settings that weigh on a bulk load."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        values = [f"{name}={conn.execute(f'SHOW {name}').fetchone()[0]}" for name in SERVER_SETTINGS]
    return f"PostgreSQL {version}: " + ", ".join(values)


def database_backends(conn) -> list[int]:
    """The backends serving the load, asked on one connection kept open (a new one a time costs a login)."""
    rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()").fetchall()
    return [row[0] for row in rows]


def empty_archive() -> None:
    """Empty the cables first: migrating a full archive back to zero recomputes its search vectors."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('cables_cable')").fetchone()[0] is not None:
            conn.execute("TRUNCATE cables_cable, cables_ingestionjob, cables_tag CASCADE")


def manage(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True, **kwargs)


def raw_copy_seconds(corpus: Path) -> float:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_raw_cables")
        conn.execute("CREATE UNLOGGED TABLE bench_raw_cables (id text, date text, reference_id text, origin text, "
                     "classification text, refs text, header text, content text)")
        started = time.monotonic()
        sql = "COPY bench_raw_cables FROM STDIN WITH (FORMAT csv, ESCAPE '\\')"
        with conn.cursor() as cursor, open(corpus, "rb") as stream, cursor.copy(sql) as copy:
            while block := stream.read(1 << 20):
                copy.write(block)
        seconds = time.monotonic() - started
        rows = conn.execute("SELECT count(*) FROM bench_raw_cables").fetchone()[0]
        conn.execute("DROP TABLE bench_raw_cables")
    print(f"raw COPY: {rows:,} rows in {seconds:.1f} s")
    return seconds


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL=postgres://... (a database this benchmark may empty)", file=sys.stderr)
        return 2
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "bench" / "out" / f"cables-{count // 1000}k.csv"
    if not corpus.exists():
        subprocess.run([PYTHON, str(ROOT / "bench" / "make_corpus.py"), str(count), str(corpus)], check=True)
    size = corpus.stat().st_size
    empty_archive()
    manage("migrate", "cables", "zero", "--noinput", "-v0")
    manage("migrate", "--noinput", "-v0")
    manage("load_reference_data", stdout=subprocess.DEVNULL)  # the posts addressee lines are linked to

    print(server_settings())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = machine_cpu()
    started = time.monotonic()
    processes = ["--processes", os.environ["BULK_PROCESSES"]] if os.environ.get("BULK_PROCESSES") else []
    process = subprocess.Popen([PYTHON, "manage.py", "ingest_cables", "--bulk", str(corpus), "--no-progress",
                                "--no-facts", *processes],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak, backend_cpu, worker_cpu, main_cpu, ticks = 0, {}, {}, 0.0, 0
    load_before = os.getloadavg()[0]
    import psycopg

    watcher = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        main_cpu = max(main_cpu, cpu_seconds(process.pid))
        for pid in descendants(process.pid):
            worker_cpu[pid] = max(worker_cpu.get(pid, 0.0), cpu_seconds(pid))
        ticks += 1
        if ticks % 8 == 0:  # PostgreSQL's share: CPU of the backends serving the load
            for pid in database_backends(watcher):
                backend_cpu[pid] = max(backend_cpu.get(pid, 0.0), cpu_seconds(pid))
        time.sleep(0.25)
    seconds = time.monotonic() - started
    watcher.close()
    machine_after = machine_cpu()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    command_cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    summary = process.stdout.read().strip()
    if process.returncode:
        print(f"ingest_cables failed ({process.returncode}): {summary}", file=sys.stderr)
        return 1
    print(summary)
    print(f"corpus: {corpus} ({size / 1e6:,.0f} MB)")
    print(f"ingest: {count:,} cables in {seconds:.1f} s = {count / seconds:,.0f} cables/s, "
          f"{size / 1e6 / seconds:.1f} MB/s; peak RSS (command + workers) {peak / 2**20:,.0f} MiB")
    workers, backends = sum(worker_cpu.values()), sum(backend_cpu.values())
    print(f"CPU: command and its worker processes {command_cpu:,.0f} s ({command_cpu * 1000 / count:.2f} ms a cable: "
          f"main process >= {main_cpu * 1000 / count:.2f}, workers >= {workers * 1000 / count:.2f}), "
          f"PostgreSQL backends >= {backends:,.0f} s ({backends * 1000 / count:.2f} ms a cable); "
          f"in all {(command_cpu + backends) * 1000 / count:.2f} ms of CPU a cable")
    busy, total = (after - before for after, before in zip(machine_after, machine_before, strict=True))
    print(f"machine: {busy:,.0f} of {total:,.0f} CPU-seconds busy ({busy / total:.0%}), whatever ran; "
          f"load average (1 min) {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"on {os.cpu_count()} cores")
    copy_seconds = raw_copy_seconds(corpus)
    print(f"ratio: ingest takes {seconds / copy_seconds:.1f}x the time of PostgreSQL's own COPY of the same rows")
    projected = seconds * 250_000 / count
    goal = "met" if projected < 300 and peak < 2**30 else "NOT met"
    print(f"goal (250,000 in < 5 min, < 1 GB): {goal} (250,000 at this rate: {projected / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
