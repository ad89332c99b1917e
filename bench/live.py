"""Legwork live under gunicorn, for the load script (bench/load.py) and the production tests.

- `fresh_database("sqlite" | "postgres", name)`: a migrated database with the routine loaded,
  dropped afterwards. Migrating takes seconds, so the first call builds a template (a SQLite file
  or a PostgreSQL template database, keyed by a fingerprint of the migrations and the routine)
  and later calls copy it.
- `Gunicorn(env)`: gunicorn with production settings on a free loopback port, started and
  stopped by the caller, its stdout (Legwork's JSON log lines) kept in a file.
- `Client(base_url)`: a small cookie-keeping HTTP client that fills in CSRF tokens, as a
  browser would; several clients may share one cookie jar, as a browser's tabs do.
"""

import contextlib
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
POSTGRES_SERVER = os.environ.get("LEGWORK_LIVE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER = os.environ.get("LEGWORK_LIVE_REDIS", "redis://127.0.0.1:6379/0")
TEMPLATE_DIR = Path(tempfile.gettempdir()) / "legwork-live-templates"
# Settings of the environment a live server must not inherit from whoever started it.
INHERITED_SETTINGS = ("DJANGO_", "LEGWORK_", "EMAIL_", "DATABASE_URL", "REDIS_URL")


class LiveError(Exception):
    pass


# Databases ------------------------------------------------------------------------------------


@contextlib.contextmanager
def fresh_database(kind: str, name: str) -> Iterator[dict[str, str]]:
    """Yields the environment variables that point Legwork at a fresh, migrated database."""
    if kind == "sqlite":
        with _fresh_sqlite(name) as env:
            yield env
    elif kind == "postgres":
        with _fresh_postgres(name) as env:
            yield env
    else:
        raise ValueError(f"unknown database kind {kind!r}")


def server_env(database_env: dict[str, str], **extra: str) -> dict[str, str]:
    """A clean production environment: DEBUG off, a throwaway secret key, loopback hosts."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(INHERITED_SETTINGS)
    }
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # No collectstatic here: pages render with plain static URLs.
            "LEGWORK_PLAIN_STATIC": "true",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(database_env)
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise LiveError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def run_django(env: dict[str, str], code: str) -> str:
    """Runs Python code with Django set up against env's database; returns its stdout."""
    return manage(env, "shell", "--no-startup", "--command", code)


def schema_fingerprint() -> str:
    digest = hashlib.sha256()
    paths = [
        *sorted(ROOT.glob("apps/*/migrations/*.py")),
        ROOT / "fixtures" / "routine.json",
        ROOT / "requirements.lock",
    ]
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _fresh_sqlite(name: str) -> Iterator[dict[str, str]]:
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE_DIR / f"legwork-{schema_fingerprint()}.sqlite3"
    if not template.exists():
        building = template.with_name(f"{template.name}.{os.getpid()}.building")
        env = server_env({"LEGWORK_SQLITE_PATH": str(building)})
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_routine", "--verbosity", "0")
        _sqlite_copy(building, template.with_name(f"{template.name}.{os.getpid()}"))
        os.replace(template.with_name(f"{template.name}.{os.getpid()}"), template)
        for leftover in building.parent.glob(f"{building.name}*"):
            leftover.unlink()
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    path = folder / "legwork.sqlite3"
    _sqlite_copy(template, path)
    try:
        yield {"LEGWORK_SQLITE_PATH": str(path)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sqlite_copy(source: Path, target: Path) -> None:
    source_db = sqlite3.connect(source)
    target_db = sqlite3.connect(target)
    try:
        source_db.backup(target_db)
        target_db.execute("PRAGMA journal_mode=WAL")
    finally:
        target_db.close()
        source_db.close()


@contextlib.contextmanager
def _fresh_postgres(name: str) -> Iterator[dict[str, str]]:
    import psycopg

    template = f"legwork_live_template_{schema_fingerprint()}"
    try:
        admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise LiveError(f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {error}") from error
    with admin:
        # One builder at a time: parallel test runs wait for the first to finish the template.
        admin.execute("SELECT pg_advisory_lock(hashtext('legwork_live_template'))")
        try:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (template,)
            ).fetchone()
            if not exists:
                stale = admin.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'legwork_live_template_%%'"
                ).fetchall()
                for (old,) in stale:
                    admin.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
                building = f"{template}_building"
                admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{building}"')
                env = server_env({"DATABASE_URL": f"{POSTGRES_SERVER}/{building}"})
                manage(env, "migrate", "--noinput", "--verbosity", "0")
                manage(env, "load_routine", "--verbosity", "0")
                admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        finally:
            admin.execute("SELECT pg_advisory_unlock(hashtext('legwork_live_template'))")
        try:
            yield {"DATABASE_URL": f"{POSTGRES_SERVER}/{name}"}
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def redis_prefix(name: str) -> Iterator[dict[str, str]]:
    """Yields REDIS_URL and a cache key prefix of this run's own; deletes its keys afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_SERVER, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        raise LiveError(f"Redis is not reachable at {REDIS_SERVER}: {error}") from error
    try:
        yield {"REDIS_URL": REDIS_SERVER, "LEGWORK_CACHE_KEY_PREFIX": name}
    finally:
        for key in client.scan_iter(match=f"{name}:*", count=500):
            client.delete(key)
        client.close()


# Gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn -c config/gunicorn.conf.py on a free loopback port, like `make serve`."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        workers: int = 1,
        log_dir: Path | None = None,
        ready_status: int = 200,
    ):
        self.port = free_port()
        # What /healthz answers once the server is up (503 when its database is meant to be down).
        self.ready_status = ready_status
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **env,
            "LEGWORK_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
        }
        folder = log_dir or Path(tempfile.mkdtemp(prefix="legwork-gunicorn-"))
        self.log_path = folder / f"gunicorn-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 60) -> None:
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LiveError(f"gunicorn exited at start:\n{self.log()[-3000:]}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if Client(self.url).get("/healthz").status == self.ready_status:
                    return
            time.sleep(0.2)
        self.stop()
        raise LiveError(
            f"/healthz did not answer {self.ready_status} in {timeout} s:\n{self.log()[-3000:]}"
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def json_lines(self) -> list[dict]:
        lines = []
        for line in self.log().splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):
                    lines.append(json.loads(line))
        return lines


# HTTP client ----------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Client:
    """Cookies, CSRF and redirects left to the caller: the answers are what a browser gets."""

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30
    # The Host header a proxy in front of several instances would send to each of them.
    host: str | None = None
    # Sent with every request (a client address behind a proxy, for one).
    headers_extra: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form: dict | None = None, **kwargs) -> Response:
        return self.request("POST", path, form=form, **kwargs)

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict | None = None,
        json_body=None,
        headers: dict[str, str] | None = None,
        csrf: bool = True,
    ) -> Response:
        parts = urllib.parse.urlsplit(self.base_url)
        all_headers = {"Host": self.host or parts.netloc, "Connection": "close"}
        all_headers.update(self.headers_extra)
        all_headers.update(headers or {})
        body = None
        if form is not None:
            form = dict(form)
            if csrf and "csrftoken" in self.cookies:
                form.setdefault("csrfmiddlewaretoken", self.cookies["csrftoken"])
            body = urllib.parse.urlencode(form, doseq=True).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            all_headers["Content-Type"] = "application/json"
            if csrf and "csrftoken" in self.cookies:
                all_headers["X-CSRFToken"] = self.cookies["csrftoken"]
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            raw = connection.getresponse()
            payload = raw.read()
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        for header in raw.msg.get_all("Set-Cookie") or []:
            self._remember(header)
        headers_out = {name.lower(): value for name, value in raw.getheaders()}
        return Response(raw.status, headers_out, payload, seconds)

    def sign_in(self, email: str, password: str) -> Response:
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"login": email, "password": password})

    def _remember(self, header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or (morsel.value == "" and morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


def form_fields(html: str, action: str) -> dict[str, str]:
    """The named inputs of the form posting to action, with their current values."""
    match = re.search(
        rf'<form\b[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S | re.I
    )
    if match is None:
        raise LiveError(f"no form posts to {action}")
    fields = {}
    for tag in re.finditer(r"<(input|select|textarea)\b([^>]*)>", match.group(1), re.I):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(2)))
        if "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return fields
