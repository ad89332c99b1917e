"""gunicorn as `make serve` starts it (config/gunicorn.conf.py: threaded workers), against slow
clients and a burst: two clients that send half a request header and stop do not stall
/healthz, and 300 connections at once are all answered, none reset (bench/burst.py)."""

import socket
import time
from contextlib import ExitStack

import pytest

from bench.burst import burst
from bench.live import Client, Gunicorn, fresh_database, server_env

WORKERS = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with (
        fresh_database("sqlite", "legwork-capacity") as database,
        Gunicorn(
            server_env(database), workers=WORKERS, log_dir=tmp_path_factory.mktemp("capacity")
        ) as live,
    ):
        yield live


def test_two_half_sent_request_headers_do_not_stall_healthz(server):
    with ExitStack() as stack:
        for _ in range(WORKERS):
            slow = stack.enter_context(socket.create_connection(("127.0.0.1", server.port)))
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo")
        # Time for the server to take them up, as it would any client.
        time.sleep(0.5)

        for _ in range(5):
            started = time.perf_counter()
            response = Client(server.url, timeout=5).get("/healthz")
            assert response.status == 200
            assert time.perf_counter() - started < 2


def test_a_burst_of_300_connections_queues_and_every_one_is_answered(server):
    burst(server.port, 1)  # the routine's content cached, as in real life

    result = burst(server.port, 300)

    assert result.statuses == {200: 300}, result.text()
    assert result.reset == result.timed_out == 0, result.text()
