"""`make bench-server`: the home and progress pages under a real server, gunicorn with 2 workers
on loopback, loaded by wrk, on SQLite and on PostgreSQL, next to the baseline page.

    .venv/bin/python -m bench.server                     # both databases, 5 years, 10 s per page
    .venv/bin/python -m bench.server --databases sqlite --years 20 --seconds 5 --no-write

For each database it builds a fresh one (a SQLite file in the temp folder; legwork_bench_server
on PostgreSQL at 127.0.0.1:5432, dropped and created again), migrates, seeds one demo runner,
collects the static files, starts gunicorn with DEBUG off (bench/wsgi.py: the site plus the
baseline page) and signs wrk in with a session cookie. It prints one table and writes it into
docs/performance.md (unless --no-write).
"""

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DOC = ROOT / "docs" / "performance.md"
START_MARK = "<!-- bench/server.py: start -->"
END_MARK = "<!-- bench/server.py: end -->"
PAGES = (("baseline", "/_bench/baseline/"), ("home", "/"), ("progress", "/progress/"))
POSTGRES_SERVER = os.environ.get("LEGWORK_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
POSTGRES_NAME = "legwork_bench_server"
EMAIL = "bench-server@legwork.local"
SESSION_SNIPPET = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from apps.accounts.models import User
user = User.objects.get(email={email!r})
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(store.session_key)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--years", type=float, default=5.0, help="Years of history (5).")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per page (10).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
    parser.add_argument("--no-write", dest="write", action="store_false")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print(
            "wrk is missing: bash scripts/ensure_wrk.sh (or apt-get install wrk)", file=sys.stderr
        )
        return 1
    rows = []
    for database in args.databases.split(","):
        rows += _run(database.strip(), args)
    table = _table(rows)
    print(table)
    if args.write:
        _write(table, args)
        print(f"Written to {DOC.relative_to(ROOT)}")
    return 0 if all(row["status"] == 200 for row in rows) else 1


def _run(database: str, args) -> list[dict]:
    workdir = Path(tempfile.mkdtemp(prefix="legwork-bench-server-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-server-only-" + "x" * 40,
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if database == "sqlite":
        env.pop("DATABASE_URL", None)
        env["LEGWORK_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    elif database == "postgres":
        _recreate_postgres()
        env["DATABASE_URL"] = f"{POSTGRES_SERVER}/{POSTGRES_NAME}"
    else:
        raise SystemExit(f"Unknown database {database!r}: sqlite or postgres")
    manage = [PYTHON, str(ROOT / "manage.py")]
    quiet = {"env": env, "cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **quiet)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], **quiet)
    subprocess.run(
        [*manage, "seed_demo", "--email", EMAIL, "--years", str(args.years), "--open-draft"],
        **quiet,
    )
    session = subprocess.run(
        [*manage, "shell", "-c", SESSION_SNIPPET.format(email=EMAIL)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    port = _free_port()
    command = [str(Path(PYTHON).parent / "gunicorn"), "--workers", str(args.workers)]
    if (ROOT / "config" / "gunicorn.conf.py").exists():
        command += ["-c", str(ROOT / "config" / "gunicorn.conf.py")]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "bench.wsgi:application"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        for label, path in PAGES:
            status = _status(base + path, session)
            row = {"database": database, "page": label, "status": status}
            if status == 200:
                row.update(_wrk(base + path, session, args))
            rows.append(row)
            print(row, file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def _recreate_postgres() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_NAME}")
        connection.execute(f"CREATE DATABASE {POSTGRES_NAME}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {base}")


def _status(url: str, session: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            # A redirect to the login page would mean the cookie did not sign wrk in.
            return response.status if response.url == url else 302
    except urllib.error.HTTPError as error:
        return error.code


def _wrk(url: str, session: str, args) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(args.connections),
            "--duration",
            f"{args.seconds}s",
            "--latency",
            "--header",
            f"Cookie: sessionid={session}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": _milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _table(rows: list[dict]) -> str:
    lines = [
        "| database | page | requests/s | latency p50 ms | latency p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row["status"] != 200:
            lines.append(f"| {row['database']} | {row['page']} | HTTP {row['status']} | | | |")
            continue
        lines.append(
            f"| {row['database']} | {row['page']} | {row['rps']:.0f} | {row['p50']:.1f} "
            f"| {row['p99']:.1f} | {row['errors']} |"
        )
    return "\n".join(lines)


def _write(table: str, args) -> None:
    now = dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        f"{START_MARK}\n"
        f"Measured {now} on {os.cpu_count()} cores with `make bench-server`: gunicorn, "
        f"{args.workers} workers, DEBUG off, on loopback; wrk with 2 threads and "
        f"{args.connections} connections for {args.seconds} s per page; one signed-in runner "
        f"with {args.years:g} years of history.\n\n{table}\n{END_MARK}"
    )
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    if START_MARK not in text:
        text = f"{text.rstrip()}\n\n{START_MARK}\n{END_MARK}\n"
    before, rest = text.split(START_MARK, 1)
    _, after = rest.split(END_MARK, 1)
    DOC.write_text(before + section + after)


if __name__ == "__main__":
    sys.exit(main())
