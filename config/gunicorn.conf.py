"""Gunicorn settings for `make serve` (and any `gunicorn -c config/gunicorn.conf.py`).

Gunicorn reads this file before Django starts, so it takes its few knobs from the environment
itself: LEGWORK_BIND (host:port) and WEB_CONCURRENCY (worker processes, default 2 x cores).
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("LEGWORK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
# A set is saved in milliseconds; a request still running after 30 s is stuck, not slow.
timeout = 30
graceful_timeout = 20
# Legwork writes its own structured access line per request (apps/ops/middleware.py).
accesslog = None
errorlog = "-"
# X-Forwarded-Proto is trusted only from the reverse proxy on this machine by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
