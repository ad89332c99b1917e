"""Gunicorn settings for `make serve` (and any `gunicorn -c config/gunicorn.conf.py`).

Gunicorn reads this file before Django starts, so it takes its few knobs from the environment
itself: LEGWORK_BIND (host:port), WEB_CONCURRENCY (worker processes, default 2 x cores) and
WEB_THREADS (threads per worker, default 4). Capacity and why: docs/production.md, "Capacity".
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("LEGWORK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
# Threaded workers: each worker's main thread waits for requests with a poller and hands a
# request to a thread only once it is readable, and keeps up to `worker_connections` accepted
# connections waiting for a free thread. So a burst queues inside the workers instead of
# overflowing the kernel's backlog, and a client that sends half a header holds one thread,
# not a whole worker (sync workers each block on one client).
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 4)
worker_connections = 1000
backlog = 2048
# A set is saved in milliseconds; a request still running after 30 s is stuck, not slow.
timeout = 30
graceful_timeout = 20
# Legwork writes its own structured access line per request (apps/ops/middleware.py).
accesslog = None
errorlog = "-"
# X-Forwarded-Proto is trusted only from the reverse proxy on this machine by default.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
