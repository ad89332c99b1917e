"""`make bench`: what every main page costs as a runner's history grows, side by side with a
trivial signed-in page (the floor Django sets), in-process with Django's test client.

    .venv/bin/python -m bench.pages                       # SQLite, histories of 0, 1, 5, 20 years
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/legwork_bench .venv/bin/python -m bench.pages
    .venv/bin/python -m bench.pages --years 1,20 --repeat 20 --no-write

It builds a throwaway database (a SQLite file in the temp folder, or test_<name> on PostgreSQL),
seeds one demo runner per history size (apps/training/demo.py, with a draft open), warms every
page, then times them round-robin (each repetition visits every page once, so a busy machine
slows all pages alike) and counts each page's SQL queries. It prints one table, writes it into
docs/performance.md (unless --no-write) and exits 1 when a target of docs/performance.md is missed.
"""

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

# Whitenoise warns when collectstatic has not run; the benchmark serves no static files.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

DOC = ROOT / "docs" / "performance.md"
# Each database's results have their own section of the doc, between these marks.
START_MARK = "<!-- bench/pages.py {vendor}: start -->"
END_MARK = "<!-- bench/pages.py {vendor}: end -->"
WARM_UP_REQUESTS = 3
# docs/performance.md, "Targets".
MAX_RATIO_TO_BASELINE = 5.0
RATIO_AT_YEARS = 5
MAX_GROWTH = 1.5
FLAT_FROM_YEARS, FLAT_TO_YEARS = 1, 20
PROGRESS_LABEL = "progress"
PROGRESS_MAX_MS = 50.0


@dataclass
class Measure:
    label: str
    years: float
    url: str | None
    status: int | None = None
    queries: int | None = None
    headers: dict = field(default_factory=dict)
    timings: list[float] = field(default_factory=list)
    cpu_timings: list[float] = field(default_factory=list)
    # Which clock the median, p95 and targets use: "cpu" (this process's CPU time) or "wall".
    clock: str = "wall"
    after_change: bool = False

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.timings)

    @property
    def median(self) -> float:
        return statistics.median(self._samples(self.clock)) * 1000

    @property
    def p95(self) -> float:
        ordered = sorted(self._samples(self.clock))
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000

    @property
    def other_median(self) -> float:
        return statistics.median(self._samples("wall" if self.clock == "cpu" else "cpu")) * 1000

    def _samples(self, clock: str) -> list[float]:
        return self.cpu_timings if clock == "cpu" else self.timings


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    setup()
    from django.db import connection

    started = time.perf_counter()
    create_database(connection)
    try:
        runners = seed(args.years, args.seed)
        seeded = time.perf_counter() - started
        if args.clock == "auto":
            args.clock = "cpu" if connection.vendor == "sqlite" else "wall"
        measures = _measure(runners, args.repeat, args.pages, args.clock)
        machine = _machine(connection)
        vendor = connection.vendor
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    table = render_table(measures)
    verdicts = check_targets(measures)
    command = _command(argv)
    print(table)
    print()
    print("\n".join(verdict.line for verdict in verdicts))
    print(f"\nSeeding took {seeded:.1f} s; {machine}")
    if args.write:
        write_doc(table, verdicts, machine, command, args, vendor)
        print(f"Written to {DOC.relative_to(ROOT)}")
    return 0 if all(verdict.met for verdict in verdicts) else 1


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--years",
        type=lambda text: [float(part) for part in text.split(",")],
        default=[0, 1, 5, 20],
        help="History sizes in years, comma-separated (0,1,5,20).",
    )
    parser.add_argument("--repeat", type=int, default=40, help="Timed requests per page (40).")
    parser.add_argument("--seed", type=int, default=1, help="Demo data seed (1).")
    parser.add_argument("--pages", help="Only these page labels, comma-separated (and baseline).")
    parser.add_argument(
        "--clock",
        choices=["auto", "cpu", "wall"],
        default="auto",
        help="What the medians and targets use: this process's CPU time (auto on SQLite, where "
        "the whole request runs in-process) or wall-clock time (auto on PostgreSQL).",
    )
    parser.add_argument(
        "--no-write", dest="write", action="store_false", help="Print only; leave the doc alone."
    )
    return parser.parse_args(argv)


def setup() -> None:
    """Django with the benchmark's URLconf (the site plus the baseline page), DEBUG off."""
    django.setup()
    import logging

    from django.conf import settings

    # Requests are still logged (their cost is part of every page's), into /dev/null.
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(open(os.devnull, "w"))  # noqa: SIM115
    settings.ROOT_URLCONF = "bench.urls"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # No collectstatic in a benchmark: plain static URLs, as in the test suite.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def create_database(connection) -> None:
    """A throwaway database: a SQLite file (not in memory: the site runs on a file) or
    test_<name> on PostgreSQL, migrated from scratch and dropped at the end."""
    if connection.vendor == "sqlite":
        path = Path(tempfile.gettempdir()) / f"legwork-bench-{os.getpid()}.sqlite3"
        connection.settings_dict["TEST"] = {**connection.settings_dict["TEST"], "NAME": str(path)}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


def seed(years: list[float], seed: int) -> list[tuple[float, "Runner"]]:  # noqa: F821
    from django.core.management import call_command

    from apps.training import demo
    from bench.catalogue import Runner

    call_command("load_routine", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    runners = []
    for index, size in enumerate(years):
        history = demo.create_demo_user(
            email=f"bench-{index}@legwork.local",
            weeks=demo.years_to_weeks(size),
            seed=seed + index,
            open_draft=True,
        )
        print(
            f"{size:g} years: {history.sessions} sessions, {history.set_entries} set rows",
            file=sys.stderr,
        )
        runners.append((size, Runner.of(history.user)))
    from django.db import connection

    if connection.vendor == "postgresql":
        # A live database has planner statistics (autovacuum gathers them within a minute of
        # such inserts); without them PostgreSQL plans the history queries as for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return runners


def _measure(runners, repeat: int, only: str | None, clock: str) -> list[Measure]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.catalogue import BASELINE, PAGES

    wanted = {BASELINE, *only.split(",")} if only else None
    pages = [page for page in PAGES if wanted is None or page.label in wanted]
    measures = []
    for years, runner in runners:
        client = Client()
        client.force_login(runner.user)
        row = []
        for page in pages:
            measure = Measure(
                label=page.label,
                years=years,
                url=page.url(runner),
                clock=clock,
                after_change=page.after_change,
            )
            row.append(measure)
            if measure.url is None:
                continue
            headers = {"HTTP_ACCEPT": "application/json"} if page.api else {}
            for _ in range(WARM_UP_REQUESTS):
                measure.status = client.get(measure.url, **headers).status_code
            _before(measure, runner)
            with CaptureQueriesContext(connection) as queries:
                client.get(measure.url, **headers)
            measure.queries = len(queries.captured_queries)
            measure.headers = headers
        live = [measure for measure in row if measure.status == 200]
        order = random.Random(years)
        # The pages measured after a change go last: their change would empty the others' cache.
        for group in (
            [measure for measure in live if not measure.after_change],
            [measure for measure in live if measure.after_change],
        ):
            for measure in group:  # warm again after the query counting's changes
                _before(measure, runner)
                client.get(measure.url, **measure.headers)
            for _ in range(repeat):
                order.shuffle(group)  # no page always runs first, or right after another
                for measure in group:
                    _before(measure, runner)
                    began, began_cpu = time.perf_counter(), time.process_time()
                    client.get(measure.url, **measure.headers)
                    measure.timings.append(time.perf_counter() - began)
                    measure.cpu_timings.append(time.process_time() - began_cpu)
        measures.extend(row)
    return measures


def _before(measure: Measure, runner) -> None:
    """Outside the timing: a change to the history, for the pages measured right after one."""
    if measure.after_change:
        from apps.training import caching

        caching.history_changed(runner.user.pk)


def render_table(measures: list[Measure]) -> str:
    baselines = {m.years: m for m in measures if m.label == "baseline" and m.ok}
    clock = measures[0].clock if measures else "wall"
    other = "wall-clock" if clock == "cpu" else "CPU"
    lines = [
        f"| page | history | median ms | p95 ms | SQL queries | × baseline | {other} median ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for measure in sorted(measures, key=lambda m: (_order(m.label), m.years)):
        history = f"{measure.years:g} y"
        if measure.url is None:
            lines.append(f"| {measure.label} | {history} | not built yet | | | | |")
            continue
        if not measure.ok:
            lines.append(f"| {measure.label} | {history} | HTTP {measure.status} | | | | |")
            continue
        base = baselines.get(measure.years)
        ratio = f"{measure.median / base.median:.2f}" if base else ""
        lines.append(
            f"| {measure.label} | {history} | {measure.median:.1f} | {measure.p95:.1f} "
            f"| {measure.queries} | {ratio} | {measure.other_median:.1f} |"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Verdict:
    met: bool
    text: str

    @property
    def line(self) -> str:
        return f"{'met ' if self.met else 'MISSED'}  {self.text}"


def check_targets(measures: list[Measure]) -> list[Verdict]:
    by_key = {(m.label, m.years): m for m in measures if m.ok}
    labels = sorted({m.label for m in measures if m.label != "baseline"}, key=_order)
    after_change = {m.label for m in measures if m.after_change}
    verdicts = []
    base = by_key.get(("baseline", RATIO_AT_YEARS))
    for label in labels:
        page = by_key.get((label, RATIO_AT_YEARS))
        # A page right after a change computes afresh by design: held to flatness, not to the
        # ratio against the trivial page.
        if base and page and label not in after_change:
            ratio = page.median / base.median
            verdicts.append(
                Verdict(
                    ratio <= MAX_RATIO_TO_BASELINE,
                    f"{label} at {RATIO_AT_YEARS} years: {ratio:.2f} × baseline "
                    f"(at most {MAX_RATIO_TO_BASELINE:g})",
                )
            )
        small, large = by_key.get((label, FLAT_FROM_YEARS)), by_key.get((label, FLAT_TO_YEARS))
        if small and large:
            growth = large.median / small.median
            verdicts.append(
                Verdict(
                    growth <= MAX_GROWTH,
                    f"{label} at {FLAT_TO_YEARS} years: {growth:.2f} × its median at "
                    f"{FLAT_FROM_YEARS} year (at most {MAX_GROWTH:g})",
                )
            )
            verdicts.append(
                Verdict(
                    large.queries == small.queries,
                    f"{label} queries: {small.queries} at {FLAT_FROM_YEARS} year, "
                    f"{large.queries} at {FLAT_TO_YEARS} years (must be equal)",
                )
            )
    progress = by_key.get((PROGRESS_LABEL, FLAT_TO_YEARS))
    if progress:
        verdicts.append(
            Verdict(
                progress.median < PROGRESS_MAX_MS,
                f"progress at {FLAT_TO_YEARS} years: {progress.median:.1f} ms median "
                f"(under {PROGRESS_MAX_MS:g} ms)",
            )
        )
    for measure in measures:
        if measure.url is not None and not measure.ok:
            verdicts.append(
                Verdict(False, f"{measure.label} at {measure.years:g} years: HTTP {measure.status}")
            )
    return verdicts


def _order(label: str) -> int:
    from bench.catalogue import PAGES

    labels = [page.label for page in PAGES]
    return labels.index(label) if label in labels else len(labels)


def _machine(connection) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if connection.vendor == "sqlite":
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version} (file)"
    else:
        version = connection.cursor().connection.info.server_version
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"Django {django.get_version()}, {database}"
    )


def _command(argv: list[str] | None) -> str:
    options = sys.argv[1:] if argv is None else argv
    words = ["make bench"] if os.environ.get("MAKELEVEL") and not options else []
    words = words or [".venv/bin/python -m bench.pages", *options]
    if os.environ.get("DATABASE_URL"):
        words.insert(0, "DATABASE_URL=postgres://…/legwork_bench")
    return " ".join(words)


def write_doc(
    table: str, verdicts: list[Verdict], machine: str, command: str, args, vendor: str
) -> None:
    start_mark, end_mark = START_MARK.format(vendor=vendor), END_MARK.format(vendor=vendor)
    now = dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    clock = (
        "CPU time of the Django process (the whole request runs in it on SQLite, so other jobs "
        "on the shared machine cannot inflate it)"
        if args.clock == "cpu"
        else "wall-clock time"
    )
    targets = "\n".join(f"- {'met' if v.met else '**missed**'}: {v.text}" for v in verdicts)
    section = (
        f"{start_mark}\n"
        f"Measured {now} on {machine} (load average {load} when it ended), with `{command}`: "
        f"{args.repeat} timed requests per page after {WARM_UP_REQUESTS} warm-up requests, "
        f"round-robin over the pages in shuffled order. Median and 95th percentile in "
        f"milliseconds of the {clock}; SQL queries per request; the ratio of the median to "
        "the baseline's at the same history size; and the median of the other clock.\n\n"
        f"{table}\n\n{targets}\n{end_mark}"
    )
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    if start_mark not in text:
        text = f"{text.rstrip()}\n\n{start_mark}\n{end_mark}\n"
    before, rest = text.split(start_mark, 1)
    _, after = rest.split(end_mark, 1)
    DOC.write_text(before + section + after)


if __name__ == "__main__":
    sys.exit(main())
