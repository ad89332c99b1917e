import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.training.models import SetEntry, TrainingSession
from tests.api.history import make_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(runner_api, routine):
    return runner_api.post("/api/v1/sessions/", {}).json()


def log(client, session_id, **values):
    body = {"session": session_id, "exercise": "squat", "set_number": 1, "reps": 5, **values}
    return client.post("/api/v1/sets/", body)


def test_a_runner_starts_logs_three_sets_finishes_and_sees_it_counted(runner_api, routine):
    started = runner_api.post("/api/v1/sessions/", {})
    assert started.status_code == 201
    session_id = started.json()["id"]

    for number in (1, 2, 3):
        response = log(runner_api, session_id, set_number=number, load_kg=20)
        assert response.status_code == 201
    finished = runner_api.post(
        f"/api/v1/sessions/{session_id}/finish/", {"effort": 7, "notes": "Good."}
    )

    body = finished.json()
    assert finished.status_code == 200
    assert (body["is_draft"], body["counted"], body["effort"]) == (False, True, 7)
    assert body["sets_done"] == 3
    assert body["load_moved_kg"] == 300
    assert [s["set_number"] for s in body["sets"]] == [1, 2, 3]


def test_starting_twice_resumes_the_draft(runner_api, draft):
    again = runner_api.post("/api/v1/sessions/")

    assert again.status_code == 200
    assert again.json()["id"] == draft["id"]
    assert TrainingSession.objects.count() == 1


def test_a_retried_set_returns_the_same_row_and_never_a_duplicate(runner_api, draft):
    first = log(runner_api, draft["id"], load_kg=20)
    retry = log(runner_api, draft["id"], load_kg=20)

    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json()["id"] == first.json()["id"]
    assert SetEntry.objects.count() == 1


def test_a_load_in_pounds_converted_to_kg_reads_back_exactly(runner_api, draft):
    response = log(runner_api, draft["id"], load_kg=20.411657)

    assert response.json()["load_kg"] == 20.411657
    assert SetEntry.objects.get().load_kg == Decimal("20.411657")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"reps": 101}, "reps"),
        ({"reps": -1}, "reps"),
        ({"reps": 10**40}, "reps"),
        ({"load_kg": 500.5}, "load_kg"),
        ({"load_kg": 1e300}, "load_kg"),
        ({"load_kg": 20.1234567}, "load_kg"),
        ({"load_kg": "20"}, "load_kg"),
        ({"set_number": 51}, "set_number"),
        ({"exercise": "burpee"}, "exercise"),
        ({"side": "middle"}, "side"),
        ({"side": "left"}, "side"),
        ({"done": "yes"}, "done"),
        ({"weight": 20}, "weight"),
    ],
)
def test_a_bad_set_is_a_400_naming_the_field(runner_api, draft, values, field):
    response = log(runner_api, draft["id"], **values)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert SetEntry.objects.count() == 0


def test_a_per_side_move_needs_a_side(runner_api, draft):
    response = log(runner_api, draft["id"], exercise="lateral-lunge")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "side": ["Lateral lunge is done per side: log left or right."]
    }


def test_a_bodyweight_move_takes_no_load(runner_api, draft):
    response = log(runner_api, draft["id"], exercise="plank", reps=None, seconds=30, load_kg=10)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["load_kg"]


def test_a_set_in_another_runners_session_is_refused(runner_api, routine, stranger):
    theirs = TrainingSession.objects.create(user=stranger, started_at=timezone.now())

    response = log(runner_api, theirs.pk)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["session"]
    assert not SetEntry.objects.exists()


def test_a_runner_corrects_a_set(runner_api, draft):
    entry = log(runner_api, draft["id"], load_kg=20).json()

    response = runner_api.patch(f"/api/v1/sets/{entry['id']}/", {"reps": 4, "done": False})

    assert response.status_code == 200
    assert (response.json()["reps"], response.json()["done"]) == (4, False)
    assert response.json()["load_kg"] == 20


def test_a_runner_deletes_a_set(runner_api, draft):
    entry = log(runner_api, draft["id"]).json()

    assert runner_api.delete(f"/api/v1/sets/{entry['id']}/").status_code == 204
    assert not SetEntry.objects.exists()


def test_sets_can_be_listed_for_one_session(runner_api, runner, routine):
    sessions = make_history(runner, sessions=2)

    response = runner_api.get(f"/api/v1/sets/?session={sessions[0].pk}&page_size=100")

    assert {row["session"] for row in response.json()["results"]} == {sessions[0].pk}
    assert response.json()["count"] == sessions[0].sets.count()


def test_finishing_twice_changes_nothing(runner_api, draft):
    log(runner_api, draft["id"])
    first = runner_api.post(f"/api/v1/sessions/{draft['id']}/finish/", {"effort": 5}).json()

    second = runner_api.post(f"/api/v1/sessions/{draft['id']}/finish/", {"effort": 9}).json()

    assert second["finished_at"] == first["finished_at"]
    assert second["effort"] == 5


def test_a_runner_logs_a_past_session_with_its_sets(runner_api, routine):
    started = (timezone.now() - dt.timedelta(days=3)).replace(microsecond=0)
    body = {
        "started_at": started.isoformat(),
        "warmup_done": True,
        "effort": 6,
        "sets": [
            {"exercise": "squat", "set_number": 1, "reps": 5, "load_kg": 20},
            {"exercise": "lateral-lunge", "set_number": 1, "side": "left", "reps": 5},
            {"exercise": "lateral-lunge", "set_number": 1, "side": "right", "reps": 5},
        ],
    }

    response = runner_api.post("/api/v1/sessions/past/", body)

    assert response.status_code == 201
    data = response.json()
    assert (data["is_draft"], data["counted"], data["sets_done"]) == (False, True, 2)
    assert len(data["sets"]) == 3


def test_a_past_session_in_the_future_is_refused(runner_api, routine):
    started = timezone.now() + dt.timedelta(days=3)

    response = runner_api.post(
        "/api/v1/sessions/past/", {"started_at": started.isoformat(), "sets": []}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"started_at": ["That is more than a day in the future."]}
    assert not TrainingSession.objects.exists()


def test_a_past_session_may_not_repeat_a_set(runner_api, routine):
    started = timezone.now() - dt.timedelta(days=1)
    squat = {"exercise": "squat", "set_number": 1, "reps": 5}

    response = runner_api.post(
        "/api/v1/sessions/past/", {"started_at": started.isoformat(), "sets": [squat, squat]}
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["sets"]


def test_a_runner_corrects_a_sessions_start_effort_and_notes(runner_api, runner, routine):
    session = make_history(runner, sessions=1)[0]
    moved = session.started_at - dt.timedelta(days=1)
    length = session.finished_at - session.started_at

    response = runner_api.patch(
        f"/api/v1/sessions/{session.pk}/",
        {"started_at": moved.isoformat(), "effort": 8, "notes": "Moved.", "warmup_done": False},
    )

    assert response.status_code == 200
    session.refresh_from_db()
    assert session.started_at == moved
    assert session.finished_at - session.started_at == length
    assert (session.effort, session.notes, session.warmup_done) == (8, "Moved.", False)


@pytest.mark.parametrize(
    "change",
    [{"started_at": "1900-01-01T00:00:00Z"}, {"effort": 11}, {"notes": "x" * 2001}],
)
def test_a_bad_session_correction_is_a_400(runner_api, runner, routine, change):
    session = make_history(runner, sessions=1)[0]

    response = runner_api.patch(f"/api/v1/sessions/{session.pk}/", change)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == list(change)


def test_a_runner_deletes_a_session_and_its_sets(runner_api, runner, routine):
    session = make_history(runner, sessions=1)[0]

    assert runner_api.delete(f"/api/v1/sessions/{session.pk}/").status_code == 204
    assert not SetEntry.objects.filter(session_id=session.pk).exists()


def test_sessions_are_filtered_by_local_date(runner_api, runner, routine):
    runner.timezone = "Pacific/Kiritimati"  # UTC+14: 11:00 UTC is already tomorrow there.
    runner.save()
    from tests.factories import TrainingSessionFactory

    late = TrainingSessionFactory(
        user=runner, started_at=dt.datetime(2026, 3, 1, 11, tzinfo=dt.UTC)
    )
    TrainingSessionFactory(user=runner, started_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))

    response = runner_api.get("/api/v1/sessions/?from=2026-03-02&to=2026-03-02")

    assert [row["id"] for row in response.json()["results"]] == [late.pk]
    assert response.json()["results"][0]["local_date"] == "2026-03-02"


@pytest.mark.parametrize(
    "query", ["from=yesterday", "to=0001-01-01", "from=2026-01-01&from=2026-02-01"]
)
def test_a_bad_date_filter_is_a_400(runner_api, query):
    response = runner_api.get(f"/api/v1/sessions/?{query}")

    assert response.status_code == 400


def test_times_are_given_in_the_runners_timezone(runner_api, runner, routine):
    runner.timezone = "America/St_Johns"
    runner.save()
    from tests.factories import TrainingSessionFactory

    TrainingSessionFactory(user=runner, started_at=dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC))

    row = runner_api.get("/api/v1/sessions/").json()["results"][0]

    assert row["started_at"] == "2026-07-01T09:30:00-02:30"


def test_a_runner_skips_a_move_and_takes_the_skip_back(runner_api, draft):
    url = f"/api/v1/sessions/{draft['id']}/skip/"

    assert runner_api.post(url, {"exercise": "plank"}).json()["skipped"] == ["plank"]
    assert runner_api.post(url, {"exercise": "plank", "skipped": False}).json()["skipped"] == []


def test_a_runner_chooses_kettlebell_swings_for_the_hinge_slot(runner_api, runner, routine):
    response = runner_api.post("/api/v1/choices/", {"slot": 2, "exercise": "kettlebell-swing"})

    assert response.status_code == 200
    assert response.json() == {
        "slot": 2,
        "slot_title": "Deadlift: the perfect hinge",
        "exercise": "kettlebell-swing",
    }
    assert runner_api.get("/api/v1/choices/").json()["results"] == [response.json()]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"slot": 2, "exercise": "squat"}, "exercise"), ({"slot": 99, "exercise": "squat"}, "slot")],
)
def test_a_choice_must_be_one_of_the_slots_options(runner_api, routine, body, field):
    response = runner_api.post("/api/v1/choices/", body)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_sets_logged_and_deleted_through_the_api_keep_the_sessions_tally(runner_api, draft):
    first = log(runner_api, draft["id"], set_number=1).json()
    log(runner_api, draft["id"], set_number=2)

    assert runner_api.delete(f"/api/v1/sets/{first['id']}/").status_code == 204

    session = TrainingSession.objects.get(pk=draft["id"])
    assert (session.strength_done, session.strength_sets) == (True, 1)
