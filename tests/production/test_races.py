"""Bursts of one request at once against gunicorn (4 workers, each with its own memory, as
`make serve` runs without Redis), on SQLite and PostgreSQL: what an attacker's probe found
racing (issue 14, items 1 and 5). One account, one token, one "201 Created", never a 5xx."""

import re
import threading
from collections import Counter

import pytest

from bench.live import Client, Gunicorn, LiveError, fresh_database, server_env

PASSWORD = "a-long-racing-pass-phrase-3"
SIGNUPS = 8
TOKEN_SUBMITS = 16
SET_POSTS = 64


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def site(request, tmp_path_factory):
    name = f"legwork_races_{request.param}_{id(request)}"
    try:
        with fresh_database(request.param, name) as database:
            env = server_env(database)
            log_dir = tmp_path_factory.mktemp("races")
            with Gunicorn(env, workers=4, log_dir=log_dir) as server:
                yield server
    except LiveError as error:
        pytest.fail(f"could not start gunicorn on {request.param}: {error}")


def all_at_once(count: int, send) -> list:
    """send(n) from count threads released together; their answers in order."""
    barrier = threading.Barrier(count)
    answers: list = [None] * count

    def one(number: int) -> None:
        barrier.wait()
        try:
            answers[number] = send(number)
        except OSError as error:  # a reset connection is an answer too, and a wrong one
            answers[number] = error

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def signed_up(site, email: str) -> Client:
    client = Client(site.url)
    client.get("/accounts/signup/")
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status == 302, response.text[:2000]
    return client


def test_sign_ups_racing_for_one_address_make_one_account_and_no_error(site):
    email = "one.address@example.com"
    clients = [Client(site.url) for _ in range(SIGNUPS)]
    for client in clients:
        client.get("/accounts/signup/")
    form = {"email": email, "password1": PASSWORD, "password2": PASSWORD}

    answers = all_at_once(SIGNUPS, lambda n: clients[n].post("/accounts/signup/", form))

    statuses = Counter(getattr(answer, "status", repr(answer)) for answer in answers)
    assert statuses == {302: 1, 200: SIGNUPS - 1}, statuses
    refused = [answer for answer in answers if answer.status == 200]
    assert all("already registered" in answer.text for answer in refused)
    # Only the winner is signed in; the others' sign-in finds no such password for them.
    signed_in = [client for client in clients if client.get("/settings/").status == 200]
    assert len(signed_in) == 1


def test_a_token_form_sent_many_times_at_once_makes_one_token(site):
    client = signed_up(site, "token.burst@example.com")
    nonce = re.search(r'name="nonce" value="([^"]+)"', client.get("/settings/tokens/").text)
    form = {"name": "burst", "nonce": nonce[1]}

    answers = all_at_once(TOKEN_SUBMITS, lambda n: client.post("/settings/tokens/", form))

    statuses = Counter(getattr(answer, "status", repr(answer)) for answer in answers)
    assert statuses == {200: 1, 302: TOKEN_SUBMITS - 1}, statuses
    page = client.get("/settings/tokens/").text
    assert len(re.findall(r'class="token-list__item"', page)) == 1


def test_one_set_posted_many_times_at_once_is_created_once_and_said_so_once(site):
    client = signed_up(site, "set.burst@example.com")
    session = client.request("POST", "/api/v1/sessions/", json_body={}).json()
    body = {
        "session": session["id"],
        "exercise": "squat",
        "set_number": 1,
        "reps": 5,
        "load_kg": 20,
        "done": True,
    }

    answers = all_at_once(
        SET_POSTS, lambda n: client.request("POST", "/api/v1/sets/", json_body=body)
    )

    statuses = Counter(getattr(answer, "status", repr(answer)) for answer in answers)
    assert statuses == {201: 1, 200: SET_POSTS - 1}, statuses
    assert len({answer.json()["id"] for answer in answers}) == 1
    stored = client.get(f"/api/v1/sets/?session={session['id']}").json()
    assert stored["count"] == 1
