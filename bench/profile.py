"""Where one page's time goes: cProfile over repeated warm requests, plus its SQL.

    .venv/bin/python -m bench.profile progress --years 20
    .venv/bin/python -m bench.profile "api sessions" --years 5 --sql

Builds the same throwaway database and demo runner as bench/pages.py.
"""

import argparse
import cProfile
import pstats
import sys

from bench import pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("label", help="A page label from bench/catalogue.py, e.g. progress.")
    parser.add_argument("--years", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--sql", action="store_true", help="Print the page's SQL queries too.")
    parser.add_argument("--top", type=int, default=35, help="Rows of the profile to print.")
    args = parser.parse_args(argv)
    pages.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.catalogue import PAGES

    page = next(page for page in PAGES if page.label == args.label)
    pages.create_database(connection)
    try:
        ((_, runner),) = pages.seed([args.years], seed=1)
        url = page.url(runner)
        if url is None:
            print(f"{args.label}: not built yet", file=sys.stderr)
            return 1
        client = Client()
        client.force_login(runner.user)
        headers = {"HTTP_ACCEPT": "application/json"} if page.api else {}
        response = client.get(url, **headers)
        print(f"{url}: HTTP {response.status_code}, {len(response.content)} bytes")
        with CaptureQueriesContext(connection) as queries:
            client.get(url, **headers)
        print(f"{len(queries.captured_queries)} queries")
        if args.sql:
            for query in queries.captured_queries:
                print(f"  {query['time']} s  {query['sql'][:600]}")
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(url, **headers)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
