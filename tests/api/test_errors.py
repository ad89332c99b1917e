"""Bad input is a 400 (or 415 for a body that is not JSON) with the one error shape; never a
500."""

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
