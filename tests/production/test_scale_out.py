"""Two gunicorn instances on different ports, one PostgreSQL database, one Redis: whichever
instance answers, a runner is the same runner with the same data, and the login rate limit is
counted once for the whole site."""

import itertools
import re

from bench.live import Client, form_fields
from bench.load import SET_ACTION, VALUE_FIELD, filled_set
from tests.production.conftest import SITE_HOST

PASSWORD = "a-long-scaleout-password-41"
_emails = itertools.count(1)


def sign_up(client) -> str:
    email = f"scaleout{next(_emails)}@example.com"
    client.get("/accounts/signup/")
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status == 302, response.text[:2000]
    return email


def test_the_instances_are_separate_processes_on_separate_ports(two_instances):
    first, second = two_instances

    assert first.port != second.port
    assert first.process.pid != second.process.pid


def test_a_runner_signed_in_on_one_instance_is_signed_in_on_the_other(via_first, via_second):
    email = sign_up(via_first)

    page = via_second.get("/settings/")

    assert page.status == 200
    assert email in page.text


def test_signing_out_on_one_instance_signs_out_on_the_other(via_first, via_second):
    sign_up(via_first)
    assert via_second.get("/settings/").status == 200

    assert via_second.post("/accounts/logout/", {}).status == 302

    assert via_first.get("/settings/").status == 302


def test_the_login_rate_limit_is_counted_across_both_instances(two_instances):

    first, second = two_instances
    email = sign_up(Client(first.url, host=SITE_HOST))
    attacker = {}
    clients = [
        Client(first.url, cookies=attacker, host=SITE_HOST),
        Client(second.url, cookies=attacker, host=SITE_HOST),
    ]
    clients[0].get("/accounts/login/")

    # allauth allows 5 failed attempts per account in 5 minutes; alternate the instances so
    # neither sees more than 3 of them on its own.
    for attempt in range(5):
        wrong = clients[attempt % 2].post(
            "/accounts/login/", {"login": email, "password": "wrong-password"}
        )
        assert wrong.status == 200
        assert "too many" not in wrong.text.lower()
    right = clients[1].post("/accounts/login/", {"login": email, "password": PASSWORD})

    assert right.status != 302, "the 6th attempt was let through"
    assert re.search(r"too many failed login attempts", right.text, re.I)
    assert clients[0].get("/settings/").status == 302


def test_every_request_is_logged_as_a_json_line_by_the_instance_that_served_it(
    two_instances, via_first
):
    response = via_first.get("/routine/?token=leak-me-not")

    lines = [
        line for line in two_instances[0].json_lines() if line.get("logger") == "legwork.request"
    ]
    (line,) = [line for line in lines if line["request_id"] == response.headers["x-request-id"]]
    assert line["path"] == "/routine/"
    assert line["status"] == 200
    assert "leak-me-not" not in two_instances[0].log()


def test_a_set_logged_through_one_instance_shows_on_the_other_at_once(via_first, via_second):
    sign_up(via_first)
    started = via_first.post("/train/start/", {})
    assert started.status == 302
    player = via_first.get(started.location).text
    action = SET_ACTION.search(player).group(1)
    form, _sides = filled_set(form_fields(player, action))
    typed = {name: "7" for name in form if VALUE_FIELD.match(name)}

    saved = via_first.post(action, {**form, **typed}, headers={"Accept": "application/json"})

    assert saved.status == 200
    assert saved.json()["saved"] is True
    seen = form_fields(via_second.get(started.location).text, action)
    assert {name: seen[name] for name in typed} == typed
