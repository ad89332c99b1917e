"""How we start Chromium, shared by the browser tests and the screenshot tool.

Playwright's own browser download does not work offline, so we launch Debian's Chromium with the
flags a closed network needs (without them it keeps trying to reach Google's hosts).
"""

import os

CHROMIUM = os.environ.get("LEGWORK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
