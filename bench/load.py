"""`make load`: many runners training at once against gunicorn, and proof that no set is lost.

    .venv/bin/python bench/load.py --database sqlite --clients 20 --seconds 60
    .venv/bin/python bench/load.py --database postgres --clients 20 --seconds 60 --workers 4

Builds a fresh database (a SQLite file, or legwork_load_<pid> on PostgreSQL with Redis as the
cache), creates the runners, starts gunicorn with production settings on a free loopback port
and lets a bounded pool of simulated runners loose, each in its own thread with its own cookies
and its own client address (X-Forwarded-For through one trusted proxy, as in production, so
allauth's per-address limits count each runner). Each runner signs in once, then until time is
up: starts a session (POST /train/start/), opens the player, ticks every set of every move
(one POST each, answered with JSON, as static/js/player.js does), and finishes the session.

Afterwards it reads the database and compares it with what the runners saw acknowledged: every
set answered 200 must be stored exactly once with the values sent, every finished session must
be finished; no answer may be a 5xx and the server log must not say "database is locked". It
prints requests per second and p50/p95 latency, overall and per step, and exits 1 on any loss.
"""

import argparse
import json
import os
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live import (
    Client,
    Gunicorn,
    LiveError,
    form_fields,
    fresh_database,
    redis_prefix,
    run_django,
    server_env,
)

PASSWORD = "load-test-password-4711"
EMAIL = "load-runner-{}@example.com"
REPS = "5"
LOAD = "20"
SET_ACTION = re.compile(r'action="(/train/(\d+)/moves/(\d+)/sets/(\d+)/)"')
VALUE_FIELD = re.compile(r"^(?P<prefix>.+)-(?P<side>value|left|right)$")

CREATE_RUNNERS = """
from django.contrib.auth.hashers import make_password
from apps.accounts.models import User
password = make_password({password!r})
User.objects.bulk_create(
    User(email={email!r}.format(n), name=f"Runner {{n}}", password=password)
    for n in range({count})
)
"""
READ_BACK = """
import json
from apps.training.models import SetEntry, TrainingSession
sessions = list(
    TrainingSession.objects.filter(user__email__startswith="load-runner-")
    .values_list("id", "finished_at")
)
sets = list(
    SetEntry.objects.filter(session__user__email__startswith="load-runner-").values_list(
        "session_id", "exercise_id", "set_number", "side", "reps", "seconds", "breaths", "done"
    )
)
finished = [[pk, finished_at is not None] for pk, finished_at in sessions]
print("LOAD-RESULT " + json.dumps({"sessions": finished, "sets": sets}))
"""


@dataclass
class Tally:
    """What the runners saw, shared by all their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    acknowledged_sets: list[tuple[int, int, int, str]] = field(default_factory=list)
    finished_sessions: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def record(self, step: str, response) -> None:
        with self.lock:
            self.latencies[step].append(response.seconds)
            self.statuses[response.status] += 1


@dataclass
class Report:
    database: str
    clients: int
    workers: int
    seconds: float
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    steps: dict[str, dict[str, float]]
    statuses: dict[int, int]
    sets_acknowledged: int
    sets_found: int
    sets_missing: int
    sets_duplicated: int
    sets_wrong: int
    sessions_finished: int
    sessions_not_finished: int
    server_errors: int
    database_locked: int
    failures: list[str]

    @property
    def lossless(self) -> bool:
        return (
            self.sets_acknowledged > 0
            and self.sets_missing == 0
            and self.sets_duplicated == 0
            and self.sets_wrong == 0
            and self.sessions_not_finished == 0
            and self.server_errors == 0
            and self.database_locked == 0
            and not self.failures
        )

    def text(self) -> str:
        lines = [
            f"== {self.database}: {self.clients} runners, {self.workers} gunicorn workers, "
            f"{self.seconds:.1f} s",
            f"requests {self.requests}, {self.requests_per_second:.1f} req/s, "
            f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms",
        ]
        for step, numbers in self.steps.items():
            lines.append(
                f"  {step:<8} {int(numbers['count']):>6} requests  p50 {numbers['p50_ms']:7.1f} ms"
                f"  p95 {numbers['p95_ms']:7.1f} ms"
            )
        lines += [
            f"statuses {dict(sorted(self.statuses.items()))}",
            f"sets acknowledged {self.sets_acknowledged}, found {self.sets_found}, "
            f"missing {self.sets_missing}, duplicated {self.sets_duplicated}, "
            f"wrong values {self.sets_wrong}",
            f"sessions finished {self.sessions_finished}, "
            f"acknowledged but not finished {self.sessions_not_finished}",
            f"5xx answers {self.server_errors}, 'database is locked' in the log "
            f"{self.database_locked}",
        ]
        lines += [f"failure: {failure}" for failure in self.failures[:10]]
        lines.append("NO LOSS" if self.lossless else "LOSS OR ERRORS: see above")
        return "\n".join(lines)


def run(*, database: str, clients: int, seconds: float, workers: int = 2) -> Report:
    name = f"legwork_load_{os.getpid()}"
    with ExitStack() as stack:
        env_parts = stack.enter_context(fresh_database(database, name))
        if database == "postgres":
            env_parts = {**env_parts, **stack.enter_context(redis_prefix(name))}
        env = server_env(env_parts, LEGWORK_TRUSTED_PROXY_COUNT="1")
        run_django(env, CREATE_RUNNERS.format(password=PASSWORD, email=EMAIL, count=clients))
        tally = Tally()
        server = stack.enter_context(Gunicorn(env, workers=workers))
        started = time.perf_counter()
        deadline = time.monotonic() + seconds
        threads = [
            threading.Thread(target=_runner, args=(server.url, n, deadline, tally), daemon=True)
            for n in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 120)
        elapsed = time.perf_counter() - started
        server.stop()
        output = run_django(env, READ_BACK)
        stored = json.loads(output.split("LOAD-RESULT ", 1)[1])
        log = server.log()
    return _report(database, clients, workers, elapsed, tally, stored, log)


def _runner(url: str, number: int, deadline: float, tally: Tally) -> None:
    client = Client(url, headers_extra={"X-Forwarded-For": f"10.0.{number // 250}.{number % 250}"})
    try:
        response = client.sign_in(EMAIL.format(number), PASSWORD)
        tally.record("sign_in", response)
        if response.status != 302:
            raise LiveError(f"sign-in answered {response.status}")
        # Every runner trains at least once: on a loaded machine sign-in alone can outlast a
        # short run, and a run that saved nothing checks nothing.
        _one_session(client, tally)
        while time.monotonic() < deadline:
            _one_session(client, tally)
    except Exception as error:  # a runner's failure is a finding, reported, not a crash
        with tally.lock:
            tally.failures.append(f"runner {number}: {type(error).__name__}: {error}")


def _one_session(client: Client, tally: Tally) -> None:
    response = client.post("/train/start/", {})
    tally.record("start", response)
    match = re.fullmatch(r"/train/(\d+)/", response.location)
    if response.status != 302 or match is None:
        raise LiveError(f"start answered {response.status} {response.location!r}")
    session = int(match.group(1))
    player = client.get(response.location)
    tally.record("player", player)
    if player.status != 200:
        raise LiveError(f"the player answered {player.status}")
    for action, _session, exercise, number in SET_ACTION.findall(player.text):
        fields = form_fields(player.text, action)
        form, sides = filled_set(fields)
        saved = client.post(action, form, headers={"Accept": "application/json"})
        tally.record("set", saved)
        if saved.status == 200 and saved.json().get("saved"):
            with tally.lock:
                tally.acknowledged_sets.extend(
                    (session, int(exercise), int(number), side) for side in sides
                )
        elif saved.status >= 500:
            raise LiveError(f"saving a set answered {saved.status}")
    finish_page = f"/train/{session}/finish/"
    finished = client.post(finish_page, {"effort": "6", "notes": "Load test."})
    tally.record("finish", finished)
    if finished.status == 302:
        with tally.lock:
            tally.finished_sessions.append(session)
    else:
        raise LiveError(f"finish answered {finished.status}")


def filled_set(fields: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """A set row's form as a runner fills it: 5 reps (or seconds or breaths) per side, 20 in
    the load box of a loaded move, ticked done."""
    form = {name: value for name, value in fields.items() if name != "csrfmiddlewaretoken"}
    sides, prefix = [], ""
    for name in fields:
        match = VALUE_FIELD.match(name)
        if match:
            prefix = match["prefix"]
            form[name] = REPS
            sides.append("" if match["side"] == "value" else match["side"])
        elif name.endswith("-load"):
            form[name] = LOAD
    if not prefix:
        raise LiveError(f"a set form without a value field: {sorted(fields)}")
    form[f"{prefix}-done"] = "true"
    return form, sides


def _report(database, clients, workers, elapsed, tally: Tally, stored, log: str) -> Report:
    rows = Counter()
    wrong = 0
    acknowledged_keys = set(tally.acknowledged_sets)
    for session, exercise, number, side, reps, secs, breaths, done in stored["sets"]:
        rows[(session, exercise, number, side)] += 1
        value = next((v for v in (reps, secs, breaths) if v is not None), None)
        if (session, exercise, number, side) in acknowledged_keys and (
            value != int(REPS) or not done
        ):
            wrong += 1
    acknowledged = Counter(tally.acknowledged_sets)
    finished = {pk for pk, is_finished in stored["sessions"] if is_finished}
    everything = sorted(t for times in tally.latencies.values() for t in times)
    return Report(
        database=database,
        clients=clients,
        workers=workers,
        seconds=elapsed,
        requests=len(everything),
        requests_per_second=len(everything) / elapsed if elapsed else 0.0,
        p50_ms=_percentile(everything, 50),
        p95_ms=_percentile(everything, 95),
        steps={
            step: {
                "count": len(times),
                "p50_ms": _percentile(sorted(times), 50),
                "p95_ms": _percentile(sorted(times), 95),
            }
            for step, times in tally.latencies.items()
        },
        statuses=dict(tally.statuses),
        sets_acknowledged=len(acknowledged),
        sets_found=sum(1 for key in acknowledged if rows[key] >= 1),
        sets_missing=sum(1 for key in acknowledged if rows[key] == 0),
        sets_duplicated=sum(1 for key in acknowledged if rows[key] > 1),
        sets_wrong=wrong,
        sessions_finished=len(tally.finished_sessions),
        sessions_not_finished=len(set(tally.finished_sessions) - finished),
        server_errors=sum(n for status, n in tally.statuses.items() if status >= 500),
        database_locked=log.count("database is locked"),
        failures=tally.failures,
    )


def _percentile(sorted_seconds: list[float], percent: int) -> float:
    if not sorted_seconds:
        return 0.0
    if len(sorted_seconds) == 1:
        return sorted_seconds[0] * 1000
    return statistics.quantiles(sorted_seconds, n=100, method="inclusive")[percent - 1] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=20, help="Simulated runners (20).")
    parser.add_argument("--seconds", type=float, default=60, help="How long they train (60).")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4).")
    args = parser.parse_args(argv)
    report = run(
        database=args.database, clients=args.clients, seconds=args.seconds, workers=args.workers
    )
    print(report.text())
    return 0 if report.lossless else 1


if __name__ == "__main__":
    sys.exit(main())
