from django.test import Client, RequestFactory
from django.urls import reverse

from config import views


def test_an_unknown_address_renders_the_sites_404_page(client, db, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert 'class="site-header"' in response.text
    assert "Not found" in response.text


def test_the_500_handler_renders_its_page_without_raising(db):
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "Your saved sets are safe" in response.content.decode()


def test_the_project_routes_errors_to_its_own_handlers():
    from config import urls

    assert urls.handler404 == "config.views.page_not_found"
    assert urls.handler500 == "config.views.server_error"


def test_a_form_without_its_csrf_token_gets_the_sites_page(runner, settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    response = client.post(reverse("settings"), {"weekly_goal": "3"})
    assert response.status_code == 403
    assert "That form has expired" in response.text
    assert 'class="site-header"' in response.text
    runner.refresh_from_db()
    assert runner.weekly_goal == 2


def test_a_forbidden_page_renders_the_sites_403_template(db):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    response = permission_denied(RequestFactory().get("/"), PermissionDenied())
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_a_bad_host_header_gets_the_sites_400_page(client, db, settings):
    settings.DEBUG = False
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "That request did not make sense" in response.text
