"""Uploads refused on their headers: a body declared larger than an import can be, or sent in
chunks without a length, is answered at once (413 or 411: JSON in the API, a message on the
page) without a byte of it being read, so nothing is held in memory or spooled to disk."""

import io

import pytest
from django.core.files import uploadhandler
from django.test import Client
from django.urls import reverse

from apps.portability.models import PendingImport
from apps.portability.uploads import MAX_UPLOAD_BODY_BYTES, length_required_message

API = "/api/v1/imports/"
BOUNDARY = "legworkboundary"
TWO_HUNDRED_MB = 200 * 1024 * 1024


class CountingBody(io.RawIOBase):
    """A multipart body of `size` bytes, made as it is read (a 200 MB body costs nothing
    unless read), counting the bytes the server reads."""

    def __init__(self, size: int) -> None:
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            'filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        self.size = size
        self.position = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        remaining = self.size - self.position
        size = remaining if size is None or size < 0 else min(size, remaining)
        start, self.position = self.position, self.position + size
        head = self.head[start : start + size]
        return head + b"a" * (size - len(head))

    def readline(self, size: int = -1) -> bytes:
        return self.read(size if 0 <= size < 65536 else 65536)


@pytest.fixture
def spooled(monkeypatch):
    """The files any upload handler began to receive (in memory or in a temporary file)."""
    started = []
    for handler in (
        uploadhandler.MemoryFileUploadHandler,
        uploadhandler.TemporaryFileUploadHandler,
    ):
        original = handler.new_file

        def new_file(self, *args, original=original, **kwargs):
            started.append(type(self).__name__)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(handler, "new_file", new_file)
    return started


def post_body(client, url: str, body: CountingBody, **headers):
    headers.setdefault("CONTENT_LENGTH", str(body.size))
    return client.generic(
        "POST",
        url,
        data=b"-",  # replaced by the counting body below; the client needs some data
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        **{"wsgi.input": body, **headers},
    )


@pytest.fixture
def csrf_client(runner):
    """A signed-in browser whose CSRF token is checked, as in production: Django's CSRF check
    reads a form's body to find the token, unless the upload is refused first."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    client.get(reverse("portability:import"))  # sets the CSRF cookie, as a browser has it
    assert "csrftoken" in client.cookies
    return client


@pytest.mark.parametrize("client_name", ["runner_client", "csrf_client"])
def test_a_200_mb_upload_to_the_api_is_a_413_without_reading_the_body(
    request, client_name, spooled
):
    client = request.getfixturevalue(client_name)
    body = CountingBody(TWO_HUNDRED_MB)
    response = post_body(client, API, body)
    assert (body.position, spooled) == (0, [])
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The file is 200.0 MB; Legwork imports files up to 10 MB. Export a shorter "
        "period and import it in parts.",
        "code": "request_too_large",
        "errors": {},
    }
    assert not PendingImport.objects.exists()


def test_a_200_mb_upload_to_the_page_is_refused_with_a_message_without_reading_it(
    csrf_client, spooled
):
    body = CountingBody(TWO_HUNDRED_MB)
    response = post_body(csrf_client, reverse("portability:import"), body)
    assert (body.position, spooled) == (0, [])
    assert response.status_code == 413
    assert "The file is 200.0 MB; Legwork imports files up to 10 MB." in response.content.decode()


def test_an_upload_just_over_the_limit_is_refused_on_its_length(runner_client, spooled):
    body = CountingBody(MAX_UPLOAD_BODY_BYTES + 1)
    assert post_body(runner_client, API, body).status_code == 413
    assert body.position == 0


def test_an_upload_without_a_length_is_a_411_and_is_never_read(runner_client, spooled):
    body = CountingBody(TWO_HUNDRED_MB)
    response = post_body(
        runner_client, API, body, CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert response.status_code == 411
    assert response.json()["detail"] == length_required_message()
    assert response.json()["code"] == "length_required"
    assert body.position == 0
    assert spooled == []


def test_a_page_upload_without_a_length_says_so_and_is_never_read(csrf_client, spooled):
    body = CountingBody(TWO_HUNDRED_MB)
    response = post_body(
        csrf_client,
        reverse("portability:import"),
        body,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert response.status_code == 411
    assert response.context["form"].errors["file"] == [length_required_message()]
    assert body.position == 0


def test_a_length_of_thousands_of_digits_is_refused_not_crashed_on(runner_client, spooled):
    body = CountingBody(1024)
    response = post_body(runner_client, API, body, CONTENT_LENGTH="9" * 5000)
    assert response.status_code == 413
    assert body.position == 0


def test_an_anonymous_oversized_upload_reads_nothing_either(client, spooled):
    body = CountingBody(TWO_HUNDRED_MB)
    response = post_body(client, API, body)
    assert response.status_code == 413
    assert body.position == 0
