"""Real-browser journeys: Playwright driving Debian's Chromium against Django's live_server.

Playwright's own browser download does not work offline, so we launch /usr/bin/chromium
(`make browser` installs it). Screenshots go to artifacts/ (git-ignored).
"""

import os
from pathlib import Path

import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        # Never skip: a missing browser is a broken machine, and CI must say so.
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make browser` (installs it as root).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}


@pytest.fixture
def screenshot():
    """screenshot(page, "name") saves artifacts/e2e/name-<width>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        width = page.viewport_size["width"]
        path = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def site(live_server, routine):
    """The live server's base URL, with the routine loaded (transaction=True via live_server)."""
    return live_server.url
