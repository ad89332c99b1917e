"""Structured logs: one JSON object per line on stdout, each tagged with the request id.

The request id is set by RequestLogMiddleware for the duration of a request and picked up by
RequestIdFilter, so every line logged while serving that request (the access line, Django's
traceback for a 500, anything an app logs) carries the id the runner sees on the error page.
"""

import contextvars
import datetime as dt
import json
import logging

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "legwork_request_id", default=""
)

# Fields a log call may add with extra={...}; anything else (Django passes the request object,
# for one) is left out so a line never leaks cookies or headers.
EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "user_id")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "")
        if request_id:
            line["request_id"] = request_id
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class ReadableFormatter(logging.Formatter):
    """`make run`'s console (DEBUG): one short line a record, for a person reading a terminal.

    14:02:11 INFO  POST /train/12/sets/ 302 14.2 ms user 7
    14:02:12 INFO  django.utils.autoreload: Watching for file changes with StatReloader
    """

    def format(self, record: logging.LogRecord) -> str:
        clock = dt.datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        if hasattr(record, "duration_ms"):
            text = f"{record.getMessage()} {record.duration_ms} ms"
            if getattr(record, "user_id", None):
                text += f" user {record.user_id}"
        else:
            text = f"{record.name}: {record.getMessage()}"
        line = f"{clock} {record.levelname:<5} {text}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line
