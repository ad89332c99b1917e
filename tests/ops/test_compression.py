"""Pages travel gzip-compressed when the browser accepts it, through the whole middleware stack
(docs/production.md "Compression" says why that is safe from BREACH)."""

import gzip

import pytest


@pytest.mark.django_db
def test_a_page_arrives_compressed_when_the_browser_accepts_gzip(runner_client):
    response = runner_client.get("/progress/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<h1>Progress</h1>" in html
    assert len(response.content) < len(html.encode()) / 2


@pytest.mark.django_db
def test_a_page_arrives_plain_to_a_client_that_does_not_accept_gzip(runner_client):
    response = runner_client.get("/progress/")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert "<h1>Progress</h1>" in response.content.decode()


@pytest.mark.django_db
def test_api_answers_are_compressed_too(runner_client):
    response = runner_client.get("/api/schema/?format=json", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b'"openapi"' in gzip.decompress(response.content)
