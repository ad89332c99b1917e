"""`make bench-burst`: a burst of concurrent connections against gunicorn as `make serve` starts
it (config/gunicorn.conf.py), and what became of each: answered, reset, or timed out.

    .venv/bin/python -m bench.burst                         # 300 connections, SQLite
    .venv/bin/python -m bench.burst --connections 600 --database postgres

Every connection is opened first, then each sends one `GET` at the same moment and reads its
whole answer; one thread drives them all (selectors), so the client is not what queues. It
prints the counts and the latency of the answers (from the moment all requests were sent).
tests/production/test_capacity.py runs the 300-connection burst and asserts none is lost.
"""

import argparse
import contextlib
import selectors
import socket
import time
from dataclasses import dataclass, field

from bench.live import Gunicorn, fresh_database, server_env

PAGE = "/routine/"


@dataclass
class Burst:
    connections: int
    statuses: dict[int, int] = field(default_factory=dict)
    reset: int = 0
    timed_out: int = 0
    latencies: list[float] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(self.statuses.values())

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def text(self) -> str:
        return (
            f"{self.connections} connections: {self.answered} answered "
            f"({', '.join(f'{status}: {n}' for status, n in sorted(self.statuses.items()))}), "
            f"{self.reset} reset, {self.timed_out} timed out; latency p50 "
            f"{self.percentile(0.5) * 1000:.0f} ms, p95 {self.percentile(0.95) * 1000:.0f} ms, "
            f"max {max(self.latencies, default=0) * 1000:.0f} ms"
        )


def burst(port: int, connections: int, path: str = PAGE, timeout: float = 60) -> Burst:
    result = Burst(connections)
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").encode()
    selector = selectors.DefaultSelector()
    sockets = []
    for _ in range(connections):
        sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        sock.setblocking(False)
        sockets.append(sock)
    started = time.perf_counter()
    for sock in sockets:
        try:
            sock.sendall(request)
        except OSError:
            result.reset += 1
            sock.close()
            continue
        selector.register(sock, selectors.EVENT_READ, bytearray())
    deadline = started + timeout
    while selector.get_map() and time.perf_counter() < deadline:
        for key, _ in selector.select(timeout=1):
            sock, received = key.fileobj, key.data
            try:
                chunk = sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                result.reset += 1
                selector.unregister(sock)
                sock.close()
                continue
            if chunk:
                received.extend(chunk)
                continue
            selector.unregister(sock)
            sock.close()
            if received.startswith(b"HTTP/"):
                status = int(received.split(b" ", 2)[1])
                result.statuses[status] = result.statuses.get(status, 0) + 1
                result.latencies.append(time.perf_counter() - started)
            else:
                result.reset += 1
    for key in list(selector.get_map().values()):
        result.timed_out += 1
        with contextlib.suppress(OSError):
            key.fileobj.close()
    selector.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=300)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with (
        fresh_database(args.database, "legwork_bench_burst") as database,
        Gunicorn(server_env(database), workers=args.workers) as server,
    ):
        # One request first: the routine's content is then in the cache, as in real life.
        burst(server.port, 1)
        print(f"gunicorn, {args.workers} workers, {args.database}:")
        print(burst(server.port, args.connections).text())


if __name__ == "__main__":
    main()
