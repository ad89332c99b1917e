import io
import json
import logging

import pytest

from apps.ops.logs import JsonFormatter, RequestIdFilter


@pytest.fixture
def log_lines():
    """Every record logged during the test, formatted exactly as the console handler does."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    root.removeHandler(handler)


def access_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "legwork.request"]


@pytest.mark.django_db
def test_each_request_logs_one_json_line_with_its_facts(runner_client, runner, log_lines):
    response = runner_client.get("/settings/?token=s3cret-api-token")

    (line,) = access_lines(log_lines())
    assert line["method"] == "GET"
    assert line["path"] == "/settings/"
    assert line["status"] == 200
    assert line["user_id"] == runner.pk
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_the_log_never_holds_the_query_string(client, log_lines):
    client.get("/healthz?token=s3cret-api-token&password=hunter2")

    output = json.dumps(log_lines())
    assert "s3cret" not in output
    assert "hunter2" not in output


@pytest.mark.django_db
def test_the_log_hides_password_reset_keys_in_the_path(client, log_lines):
    client.get("/accounts/password/reset/key/3x-c0ffee-secret-key-123/")

    (line,) = access_lines(log_lines())
    assert "c0ffee-secret-key" not in json.dumps(log_lines())
    assert line["path"].startswith("/accounts/password/reset/key/")


@pytest.mark.django_db
def test_an_anonymous_request_logs_no_user(client, log_lines):
    client.get("/routine/")

    (line,) = access_lines(log_lines())
    assert line["user_id"] is None


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert first != second
    assert len(first) == 32


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_but_a_malformed_one_is_replaced(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "nginx-7f3a9c21"})
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})

    assert kept["X-Request-ID"] == "nginx-7f3a9c21"
    assert "<" not in replaced["X-Request-ID"]


@pytest.mark.django_db
@pytest.mark.urls("tests.ops.boom_urls")
def test_an_unhandled_error_shows_the_styled_500_page_with_the_logged_request_id(client, log_lines):
    client.raise_request_exception = False

    response = client.get("/boom/")

    request_id = response["X-Request-ID"]
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert request_id in response.content.decode()
    (error,) = [line for line in log_lines() if line["logger"] == "django.request"]
    assert error["request_id"] == request_id
    assert "the barbell fell" in error["exception"]
    (access,) = access_lines(log_lines())
    assert access["status"] == 500
    assert access["level"] == "ERROR"
