"""Bad input is a 400 (or 415 for a body that is not JSON) with the one error shape; never a
500."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_malformed_json_is_a_400(runner_api):
    response = runner_api.patch(
        "/api/v1/me/", data='{"unit": "lb"', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["detail"].startswith("JSON parse error")


def test_json_that_is_not_an_object_is_a_400(runner_api):
    response = runner_api.patch("/api/v1/me/", data="[1, 2]", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


def test_nan_and_infinity_are_not_json(runner_api):
    response = runner_api.patch(
        "/api/v1/me/", data='{"weekly_goal": NaN}', content_type="application/json"
    )

    assert response.status_code == 400


def test_a_form_encoded_body_is_a_415_naming_the_type(runner_api):
    response = runner_api.patch("/api/v1/me/", data={"unit": "lb"}, format="multipart")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_unknown_fields_are_named_in_the_400(runner_api):
    response = runner_api.patch("/api/v1/me/", {"unit": "lb", "colour": "blue", "goal": 3})

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Invalid input.",
        "code": "invalid",
        "errors": {"colour": ["Unknown field."], "goal": ["Unknown field."]},
    }


def test_a_string_with_a_nul_character_is_a_400(runner_api):
    response = runner_api.patch("/api/v1/me/", {"name": "Sam\x00"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["name"]


def test_an_unknown_exercise_is_a_json_404(api_client, routine):
    response = api_client.get("/api/v1/exercises/no-such-move/")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "No Exercise matches the given query.",
        "code": "not_found",
        "errors": {},
    }


def test_a_page_past_the_end_is_a_json_404(api_client, routine):
    response = api_client.get("/api/v1/exercises/?page=99")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unsupported_method_is_a_json_405(runner_api):
    response = runner_api.delete("/api/v1/me/")

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": 1167868}, "Expected a string."),
        ({"weekly_goal": "3"}, "Expected a whole number."),
        ({"weekly_goal": 3.5}, "Expected a whole number."),
        ({"weekly_goal": True}, "Expected a whole number."),
        ({"week_start": "6"}, "Expected a number."),
        ({"unit": 1}, "Expected a string."),
        ({"race_date": 20300101}, "Expected a string."),
    ],
)
def test_a_value_of_the_wrong_json_type_is_a_400(runner_api, change, message):
    response = runner_api.patch("/api/v1/me/", change)

    assert response.status_code == 400
    assert response.json()["errors"] == {next(iter(change)): [message]}


def test_an_unknown_api_path_is_a_json_404(runner_api):
    response = runner_api.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=", "page"),
        ("page=1&page=2", "page"),
        ("page_size=101", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=true", "page_size"),
    ],
)
def test_a_bad_page_parameter_is_a_400_naming_it(api_client, routine, query, field):
    response = api_client.get(f"/api/v1/exercises/?{query}")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_the_schema_declares_that_request_bodies_take_no_other_fields(api_client):
    schema = api_client.get("/api/schema/?format=json", HTTP_ACCEPT="application/json")

    components = schema.json()["components"]["schemas"]
    assert components["PatchedMeRequest"]["additionalProperties"] is False


def test_an_api_path_with_a_newline_is_a_json_404_too(runner_api):
    response = runner_api.post("/api/v1/sessions/1%0A/finish/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_json_nested_too_deep_is_a_400(runner_api):
    body = "[" * 100_000 + "]" * 100_000

    response = runner_api.post("/api/v1/sets/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_body_over_the_upload_limit_is_a_413(runner_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"notes": "' + "x" * 2000 + '"}'

    response = runner_api.post("/api/v1/sessions/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


@pytest.mark.parametrize("slug", ["\ud800", "squat\x00", "x" * 500, "squat 2"])
def test_a_malformed_exercise_slug_in_a_body_is_a_400(runner_api, routine, slug):
    session = runner_api.post("/api/v1/sessions/").json()["id"]
    # json.dumps escapes a lone surrogate as \ud800, which JSON allows.
    body = json.dumps({"session": session, "exercise": slug, "set_number": 1})

    response = runner_api.post("/api/v1/sets/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["exercise"]


def test_an_unknown_field_named_with_a_lone_surrogate_is_a_400(runner_api):
    response = runner_api.patch(
        "/api/v1/me/", data='{"\\ud800": 1}', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"\ud800": ["Unknown field."]}
