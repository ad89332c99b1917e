"""Screenshots of pages at phone and desktop width, for looking at what we build.

    .venv/bin/python -m tests.e2e.screenshot http://127.0.0.1:8000/routine/ [more urls...]
    LEGWORK_LOGIN=email:password .venv/bin/python -m tests.e2e.screenshot URL   # signed in first

Writes artifacts/screens/<name>-360.png and -1280.png.
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS

OUT = Path("artifacts/screens")


def main(urls: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            login = os.environ.get("LEGWORK_LOGIN")
            if login:
                email, password = login.split(":", 1)
                base = re.match(r"https?://[^/]+", urls[0]).group(0)
                page.goto(f"{base}/accounts/login/")
                page.fill("input[name=login]", email)
                page.fill("input[name=password]", password)
                page.click("button[type=submit]")
            for url in urls:
                page.goto(url)
                name = (
                    re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].split("/", 1)[-1]) or "home"
                )
                path = OUT / f"{name.strip('-') or 'home'}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
