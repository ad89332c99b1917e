"""PreparedQuery (apps/core/prepared.py): the queryset's own rows, compiled once."""

from decimal import Decimal

import pytest

from apps.core.prepared import prepared
from apps.training.models import SetEntry
from tests.factories import SetEntryFactory, TrainingSessionFactory


@prepared
def done_sets_of(session_id):
    return SetEntry.objects.filter(session_id=session_id, done=True).order_by("set_number")


def test_it_returns_the_querysets_rows_for_the_ids_given(db):
    session = TrainingSessionFactory()
    first = SetEntryFactory(session=session, set_number=1)
    SetEntryFactory(session=session, set_number=2, done=False)
    SetEntryFactory(set_number=1)  # another runner's session

    rows = list(done_sets_of(session_id=session.pk))

    assert rows == list(
        SetEntry.objects.filter(session_id=session.pk, done=True).order_by("set_number")
    )
    assert [row.pk for row in rows] == [first.pk]


def test_it_runs_again_with_other_ids(db):
    one, other = SetEntryFactory(), SetEntryFactory()

    assert [row.pk for row in done_sets_of(session_id=one.session_id)] == [one.pk]
    assert [row.pk for row in done_sets_of(session_id=other.session_id)] == [other.pk]


def test_its_rows_keep_the_fields_types(db):
    entry = SetEntryFactory(load_kg=Decimal("22.5"))

    (row,) = done_sets_of(session_id=entry.session_id)

    assert row.load_kg == Decimal("22.5")
    assert isinstance(row.load_kg, Decimal)
    assert row.done is True


def test_it_takes_exactly_the_ids_its_query_names(db):
    with pytest.raises(TypeError):
        done_sets_of(session=1)


def test_a_query_that_ignores_an_id_is_refused(db):
    @prepared
    def careless(session_id, user_id):
        return SetEntry.objects.filter(session_id=session_id)

    with pytest.raises(ValueError, match="never uses user_id"):
        careless(session_id=1, user_id=2)


def test_an_id_too_large_for_the_database_matches_nothing(db):
    assert list(done_sets_of(session_id=2**70)) == []


def test_a_query_of_other_columns_than_its_models_is_refused(db):
    @prepared
    def with_session(session_id):
        return SetEntry.objects.filter(session_id=session_id).select_related("session")

    with pytest.raises(ValueError, match="own columns only"):
        with_session(session_id=1)
