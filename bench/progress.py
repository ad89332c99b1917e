"""`make bench-progress`: what the progress and home pages cost for a runner with years of
history, and where the time goes (SQL, the rules, the template).

    .venv/bin/python -m bench.progress                     # 5 years on SQLite, 30 repetitions
    .venv/bin/python -m bench.progress --years 1,5,20 --repeat 50
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/legwork_bench .venv/bin/python -m bench.progress

It builds a throwaway database (bench/pages.py's helpers), seeds one demo runner per history
size (apps/training/demo.py: drafts, warm-up-only sessions, per-side sets, holds and breaks
included), warms each page, then measures each page cold (the cache emptied before every
request, so the page is computed in full: what a runner sees after logging a set) and warm
(apps/training/caching.py serves it): the median and 95th percentile of whole requests
through Django's test client (wall clock, and this process's CPU time, which a busy shared
machine disturbs less: on SQLite the database work is in-process too), the page's SQL queries,
and a breakdown of one request: the time in SQL, in the rules and chart geometry
(apps/progress/rules.py, charts.py, with the fetching of rows) and in rendering. A benchmark,
not a test: it prints numbers and fails only when a page errors or its query count changes
with the history size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

WARM_UP = 3
PAGES = [
    ("home", "/"),
    ("progress", "/progress/"),
    ("progress, all time", "/progress/?span=all"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", default="5", help="History sizes in years, comma-separated.")
    parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page (30).")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    years = [float(size) for size in args.years.split(",")]

    from bench.pages import create_database, seed, setup

    setup()
    from django.db import connection

    create_database(connection)
    try:
        runners = seed(years, args.seed)
        rows = [measure(size, runner.user, args.repeat) for size, runner in runners]
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    print(f"\n{connection.vendor}, {args.repeat} timed requests per page, Django test client")
    print("cold: the cache emptied before each request (the page computed in full); warm: cached\n")
    print(
        "| page | history | cold median ms | cold p95 ms | cold CPU ms | cold queries | "
        "SQL ms | rules ms | render ms | warm median ms | warm queries |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    all_rows = [row for size_rows in rows for row in size_rows]
    for row in all_rows:
        print(
            f"| {row['page']} | {row['years']:g} y ({row['sessions']} sessions) | "
            f"{row['median']:.1f} | {row['p95']:.1f} | {row['cpu']:.1f} | {row['queries']} | "
            f"{row['sql']:.1f} | {row['rules']:.1f} | {row['render']:.1f} | "
            f"{row['warm']:.1f} | {row['warm_queries']} |"
        )
    failed = [row for row in all_rows if row["status"] != 200]
    counts: dict[str, set] = {}
    for row in all_rows:
        counts.setdefault(row["page"], set()).add((row["queries"], row["warm_queries"]))
    unstable = [page for page, seen in counts.items() if len(seen) > 1]
    for row in failed:
        print(f"FAILED: {row['page']} answered {row['status']}", file=sys.stderr)
    for page in unstable:
        print(f"FAILED: {page} query count changes with the history", file=sys.stderr)
    return 1 if failed or unstable else 0


def measure(years: float, user, repeat: int) -> list[dict]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.progress import selectors

    client = Client()
    client.force_login(user)
    sessions = selectors.progress_overview(user).totals[-1].sessions
    rows = []
    for label, url in PAGES:
        for _ in range(WARM_UP):
            status = client.get(url).status_code
        samples, cpu = [], []
        for _ in range(repeat):
            cache.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        cache.clear()
        # Counted at once: the next request outside the context resets the query log.
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        cold_queries = len(queries.captured_queries)
        warm = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            warm.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as warm_queries:
            client.get(url)
        rows.append(
            {
                "page": label,
                "years": years,
                "sessions": sessions,
                "status": status,
                "median": statistics.median(samples),
                "p95": sorted(samples)[max(0, round(0.95 * len(samples)) - 1)],
                "cpu": statistics.median(cpu),
                "queries": cold_queries,
                "warm": statistics.median(warm),
                "warm_queries": len(warm_queries.captured_queries),
                **breakdown(label, user, repeat),
            }
        )
    return rows


def breakdown(label: str, user, repeat: int) -> dict:
    """Median milliseconds of the computed page's stages run on their own: SQL (time in the
    database driver's execute), the rules and chart geometry with the fetching of rows, and the
    template."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from apps.progress import selectors, views

    span = "all" if "all" in label else "year"
    request = RequestFactory().get("/progress/")
    request.user = user
    sql, rules, render = [], [], []
    for _ in range(max(5, repeat // 3)):
        timer = _Timer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            if label == "home":
                context = {"summary": selectors.home_summary(user), "user": user}
                template = "progress/home.html"
            else:
                context = views._overview_context(user, span)
                template = "progress/_overview.html"
            computed = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        render_to_string(template, context, request=request)
        render.append((time.perf_counter() - started) * 1000)
        sql.append(timer.ms)
        rules.append(max(computed - timer.ms, 0))
    return {
        "sql": statistics.median(sql),
        "rules": statistics.median(rules),
        "render": statistics.median(render),
    }


class _Timer:
    """Adds up the wall time of the SQL queries it wraps."""

    def __init__(self):
        self.ms = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    django.setup()
    sys.exit(main())
