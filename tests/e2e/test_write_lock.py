"""A fault injected under the real server: another process holds SQLite's write lock for longer
than the busy timeout (LEGWORK_SQLITE_BUSY_TIMEOUT, one second here so the test is quick).
The player's save is answered 503 with Retry-After, the runner is told the server is busy, the
change stays queued on the phone, and it is saved once the lock is released; a plain form gets
the page that says to try again."""

import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.live import Gunicorn, fresh_database, manage, run_django, server_env
from tests.e2e.conftest import DESKTOP, PHONE

EMAIL = "locked.runner@example.com"
PASSWORD = "write-lock-password-4711"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with fresh_database("sqlite", "legwork-write-lock") as database:
        static_root = tmp_path_factory.mktemp("write-lock-static")
        env = server_env(
            database, LEGWORK_SQLITE_BUSY_TIMEOUT="1", DJANGO_STATIC_ROOT=str(static_root)
        )
        # The player's scripts, served by whitenoise as under `make serve`.
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        run_django(
            env,
            "from apps.accounts.models import User; "
            f"User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r})",
        )
        with Gunicorn(env, log_dir=tmp_path_factory.mktemp("write-lock")) as live:
            yield live, Path(database["LEGWORK_SQLITE_PATH"])


@contextmanager
def write_lock_held(path: Path):
    """Another process's write transaction, as a backup tool or a long import would hold it."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield
        holder.execute("ROLLBACK")
    finally:
        holder.close()


def done_sets(path: Path) -> int:
    with closing(sqlite3.connect(path)) as reader:
        return reader.execute("SELECT count(*) FROM training_setentry WHERE done").fetchone()[0]


def sign_in(page, url):
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def is_set_save(response) -> bool:
    return response.request.method == "POST" and "/sets/" in response.url


def test_a_save_behind_a_held_write_lock_is_kept_and_saved_once_the_lock_goes(page, server):
    live, path = server
    sign_in(page, live.url)
    page.goto(f"{live.url}/train/")
    page.get_by_role("button", name="Start today's session").click()
    page.wait_for_selector("html[data-offline-ready=true]", state="attached")
    first_set = page.locator("#warm-up [data-set-form]").first
    before = done_sets(path)

    with write_lock_held(path):
        with page.expect_response(is_set_save) as refused:
            first_set.locator("[data-tick]").click()
        assert refused.value.status == 503
        assert refused.value.headers["retry-after"] == "5"
        expect(page.locator("[data-offline-banner]")).to_contain_text(
            "The server is busy: they are sent again in a few seconds."
        )
        assert done_sets(path) == before

    # The queue sends it again by itself, Retry-After seconds later: no tap, no reload.
    with page.expect_response(is_set_save, timeout=15_000) as saved:
        pass
    assert saved.value.status == 200
    expect(page.locator("[data-offline-banner]")).to_contain_text("All changes are sent and saved.")
    assert done_sets(path) == before + 1


def test_a_plain_form_behind_a_held_write_lock_gets_the_try_again_page(page, server, screenshot):
    live, path = server
    sign_in(page, live.url)
    page.goto(f"{live.url}/settings/")

    with write_lock_held(path):
        with page.expect_response(lambda r: r.request.method == "POST") as refused:
            page.locator("main form button[type=submit]").first.click()
        assert refused.value.status == 503
        assert refused.value.headers["retry-after"] == "5"
        expect(page.get_by_role("heading", name="Legwork is busy right now")).to_be_visible()
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            screenshot(page, "database-busy")
