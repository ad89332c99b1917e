"""`make bench-progress`: what the progress and home pages cost for a runner with years of
history, and where the time goes (SQL, the rules, the template).

    .venv/bin/python -m bench.progress                     # 5 years on SQLite, 30 repetitions
    .venv/bin/python -m bench.progress --years 1,5,20 --repeat 50
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/legwork_bench .venv/bin/python -m bench.progress

It builds a throwaway database (bench/pages.py's helpers), seeds one demo runner per history
size (apps/training/demo.py: drafts, warm-up-only sessions, per-side sets, holds and breaks
included), warms each page, then measures the median and 95th percentile of whole requests
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
    print(f"\n{connection.vendor}, {args.repeat} timed requests per page, Django test client\n")
    print(
        "| page | history | median ms | p95 ms | CPU ms | queries | SQL ms | rules ms | render ms |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in (row for size_rows in rows for row in size_rows):
        print(
            f"| {row['page']} | {row['years']:g} y ({row['sessions']} sessions) | "
            f"{row['median']:.1f} | {row['p95']:.1f} | {row['cpu']:.1f} | {row['queries']} | "
            f"{row['sql']:.1f} | "
            f"{row['rules']:.1f} | {row['render']:.1f} |"
        )
    failed = [row for size_rows in rows for row in size_rows if row["status"] != 200]
    counts = {}
    for row in (row for size_rows in rows for row in size_rows):
        counts.setdefault(row["page"], set()).add(row["queries"])
    unstable = [page for page, seen in counts.items() if len(seen) > 1]
    for row in failed:
        print(f"FAILED: {row['page']} answered {row['status']}", file=sys.stderr)
    for page in unstable:
        print(f"FAILED: {page} query count changes with the history", file=sys.stderr)
    return 1 if failed or unstable else 0


def measure(years: float, user, repeat: int) -> list[dict]:
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
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
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
                "queries": len(queries.captured_queries),
                **breakdown(label, user, repeat),
            }
        )
    return rows


def breakdown(label: str, user, repeat: int) -> dict:
    """Median milliseconds of the page's three stages run on their own: the selector's SQL
    (fetching the rows), the rules and chart geometry over them, and the template."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from apps.progress import selectors, views

    sql, rules, render = [], [], []
    request = RequestFactory().get("/progress/?span=all" if "all" in label else "/progress/")
    request.user = user
    for _ in range(max(5, repeat // 3)):
        timer = _Timer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            if label == "home":
                summary = selectors.home_summary(user)
            else:
                views.overview(request)
            total = (time.perf_counter() - started) * 1000
        if label == "home":
            started = time.perf_counter()
            render_to_string("progress/home.html", {"summary": summary, "user": user}, request)
            render_ms = (time.perf_counter() - started) * 1000
            rules_ms = total - timer.ms
        else:
            render_ms = _render_ms(request, user)
            rules_ms = total - timer.ms - render_ms
        sql.append(timer.ms)
        rules.append(max(rules_ms, 0))
        render.append(render_ms)
    return {
        "sql": statistics.median(sql),
        "rules": statistics.median(rules),
        "render": statistics.median(render),
    }


def _render_ms(request, user) -> float:
    """The template's share of the progress view: the view renders once with the context it
    builds; here the same context is rendered again on its own."""
    from django.template import loader

    from apps.progress import views

    captured = {}
    original = views.render

    def capture(request, template, context):
        captured.update(context)
        return original(request, template, context)

    views.render = capture
    try:
        views.overview(request)
    finally:
        views.render = original
    template = loader.get_template("progress/overview.html")
    started = time.perf_counter()
    template.render(captured, request)
    return (time.perf_counter() - started) * 1000


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
